/** Lookups and checks shared by the handlers, each mapped to the documented error code. */
import { apiError } from '../errors.ts'
import type { ErrorCode } from '../errors.ts'
import type { Backup, Cluster } from '../model.ts'
import { cloudOf } from '../regions.ts'
import type { World } from '../world.ts'

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function bodyObject(body: unknown): JsonObject {
  if (!isObject(body)) throw apiError(96100, 'The body must be a JSON object.')
  return body
}

export function liveCluster(world: World, clusterId: string | undefined): Cluster {
  const cluster = clusterId === undefined ? undefined : world.clusters.get(clusterId)
  if (cluster === undefined || cluster.status === 'DELETED') throw apiError(96018)
  return cluster
}

/** Every backup endpoint applies only to Dedicated clusters (docs/zilliz-api-notes.md#dedicated-only). */
export function dedicatedCluster(world: World, clusterId: string | undefined): Cluster {
  const cluster = liveCluster(world, clusterId)
  if (cluster.kind === 'free') throw apiError(96021)
  if (cluster.kind === 'serverless') throw apiError(96022)
  return cluster
}

/** Backup routes also reach a dropped cluster's manual backups, which must stay deletable (docs/zilliz-api-notes.md#lifecycle). */
export function backupOwner(world: World, clusterId: string | undefined): Cluster {
  const cluster = clusterId === undefined ? undefined : world.clusters.get(clusterId)
  if (cluster === undefined) throw apiError(96018)
  if (cluster.status !== 'DELETED') return dedicatedCluster(world, clusterId)
  return cluster
}

/** FAILED backups exist only through their job (docs/zilliz-api-notes.md#lifecycle): to the API they are not found. */
export function clusterBackup(world: World, cluster: Cluster, backupId: string | undefined): Backup {
  const backup = backupId === undefined ? undefined : world.backups.get(backupId)
  if (backup === undefined || backup.clusterId !== cluster.clusterId || backup.status === 'FAILED') throw apiError(96041)
  return backup
}

export function availableBackup(backup: Backup, code: ErrorCode): Backup {
  if (backup.status === 'DELETED') throw apiError(96041)
  if (backup.status !== 'AVAILABLE') throw apiError(code, 'The backup is not AVAILABLE.')
  return backup
}

const MAX_INT = 2_147_483_647

function intParam(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === '') return fallback
  if (!/^-?\d+$/.test(raw.trim())) return null
  return Number(raw.trim())
}

export function paging(query: URLSearchParams): { pageSize: number; currentPage: number } {
  const pageSize = intParam(query.get('pageSize'), 10)
  if (pageSize === null || pageSize < 1 || pageSize > 100) throw apiError(96008)
  const currentPage = intParam(query.get('currentPage'), 1)
  if (currentPage === null || currentPage < 1 || currentPage > MAX_INT) throw apiError(96009)
  return { pageSize, currentPage }
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

/** Copies stay on the source cluster's cloud and never on Azure (docs/zilliz-api-notes.md#cross-region). */
export function checkCopyRegion(cluster: Cluster, regionId: unknown): string {
  const cloud = typeof regionId === 'string' ? cloudOf(regionId) : undefined
  if (typeof regionId !== 'string' || cloud === undefined || cloud === 'azure' || cloud !== cloudOf(cluster.regionId)) {
    throw apiError(96001)
  }
  return regionId
}

export function stringField(body: JsonObject, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name]
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}
