/** Create, list, describe and delete backups (docs/zilliz-api-notes.md#create-backup to #lifecycle). */
import { apiError } from '../errors.ts'
import type { Backup, BackupType, DbCollections } from '../model.ts'
import { createManualBackup, deleteBackup } from '../operations.ts'
import { backupDetail, backupListItem } from '../views.ts'
import type { World } from '../world.ts'
import { isListable, listableInOrder } from '../world.ts'
import { backupOwner, bodyObject, checkCopyRegion, clusterBackup, dedicatedCluster, isObject, paging } from './common.ts'
import type { JsonObject } from './common.ts'
import type { RouteDef } from './types.ts'

function parseBackupType(value: unknown): BackupType {
  const upper = typeof value === 'string' ? value.toUpperCase() : ''
  if (upper !== 'CLUSTER' && upper !== 'COLLECTION') throw apiError(96029)
  return upper
}

function parseDbCollections(body: JsonObject, known: string[]): DbCollections[] {
  const raw = body.dbCollections
  if (!Array.isArray(raw) || raw.length === 0) throw apiError(96038, "A COLLECTION backup needs 'dbCollections'.")
  return raw.map((item: unknown) => {
    if (!isObject(item) || !Array.isArray(item.collectionNames) || item.collectionNames.length === 0) {
      throw apiError(96038, "Each 'dbCollections' item needs a non-empty 'collectionNames' array.")
    }
    const names = item.collectionNames.map((name: unknown) => {
      if (typeof name !== 'string' || !known.includes(name)) throw apiError(96038, `Collection ${String(name)} does not exist.`)
      return name
    })
    return { dbName: typeof item.dbName === 'string' && item.dbName !== '' ? item.dbName : 'default', collectionNames: names }
  })
}

function parseTime(raw: string | null): number | null {
  if (raw === null || raw === '') return null
  const isoLike = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/
  const parsed = Date.parse(raw)
  if (!isoLike.test(raw) || Number.isNaN(parsed)) throw apiError(96007)
  return parsed
}

type Filter = (backup: Backup) => boolean

function listFilter(world: World, query: URLSearchParams): { source: Backup[]; filter: Filter; isUnfiltered: boolean } {
  const projectId = query.get('projectId')
  if (projectId !== null && projectId !== '' && !world.projects.has(projectId)) throw apiError(96005)
  const method = query.get('creationMethod')?.toUpperCase() ?? ''
  if (method !== '' && method !== 'AUTO' && method !== 'MANUAL') throw apiError(96030)
  const type = query.get('backupType')?.toUpperCase() ?? ''
  if (type !== '' && type !== 'CLUSTER' && type !== 'COLLECTION') throw apiError(96029)
  const start = parseTime(query.get('startTime'))
  const end = parseTime(query.get('endTime'))
  if (start !== null && end !== null && start > end) throw apiError(96035)
  const clusterId = query.get('clusterId')
  // Manual backups outlive their cluster, so an unknown clusterId filters rather than fails.
  const source = clusterId !== null && clusterId !== '' ? (world.byCluster.get(clusterId) ?? []) : world.ordered
  const filter: Filter = (b) =>
    isListable(b) &&
    (projectId === null || projectId === '' || b.projectId === projectId) &&
    (method === '' || b.creationMethod === method) &&
    (type === '' || b.backupType === type) &&
    (start === null || b.createTime >= start) &&
    (end === null || b.createTime <= end)
  const isUnfiltered = [projectId ?? '', method, type, clusterId ?? ''].every((v) => v === '') && start === null && end === null
  return { source, filter, isUnfiltered }
}

export const backupRoutes: RouteDef[] = [
  {
    method: 'POST',
    template: '/v2/clusters/{clusterId}/backups/create',
    handler: ({ world, params, body, now }) => {
      const cluster = dedicatedCluster(world, params.clusterId)
      const input = bodyObject(body)
      const type = parseBackupType(input.backupType)
      const dbCollections = type === 'COLLECTION' ? parseDbCollections(input, cluster.collections) : []
      const copies = input.crossRegionCopies ?? []
      if (!Array.isArray(copies)) throw apiError(96100, "'crossRegionCopies' must be an array.")
      for (const copy of copies) checkCopyRegion(cluster, isObject(copy) ? copy.regionId : undefined)
      const { backup, job } = createManualBackup(world, cluster, { type, dbCollections }, now)
      return { backupId: backup.backupId, backupName: backup.backupName, jobId: job.jobId }
    }
  },
  {
    method: 'GET',
    template: '/v2/backups',
    handler: ({ world, query }) => {
      const { pageSize, currentPage } = paging(query)
      const { source, filter, isUnfiltered } = listFilter(world, query)
      const first = (currentPage - 1) * pageSize
      if (isUnfiltered) {
        // Every backup of the organization (a sync's listing): read the page by index, not by scanning 100,000.
        const all = listableInOrder(world)
        const page: Record<string, unknown>[] = []
        for (let i = all.length - 1 - first; i >= 0 && page.length < pageSize; i--) {
          const backup = all[i]
          if (backup !== undefined) page.push(backupListItem(backup))
        }
        return { count: all.length, currentPage, pageSize, backups: page }
      }
      const backups: Record<string, unknown>[] = []
      let count = 0
      // Newest first (README [I]); only the requested page is materialised.
      for (let i = source.length - 1; i >= 0; i--) {
        const backup = source[i]
        if (backup === undefined || !filter(backup)) continue
        if (count >= first && backups.length < pageSize) backups.push(backupListItem(backup))
        count += 1
      }
      return { count, currentPage, pageSize, backups }
    }
  },
  {
    method: 'GET',
    template: '/v2/clusters/{clusterId}/backups/{backupId}',
    handler: ({ world, params }) => {
      const cluster = backupOwner(world, params.clusterId)
      return backupDetail(clusterBackup(world, cluster, params.backupId))
    }
  },
  {
    method: 'DELETE',
    template: '/v2/clusters/{clusterId}/backups/{backupId}',
    handler: ({ world, params, now }) => {
      const cluster = backupOwner(world, params.clusterId)
      const backup = clusterBackup(world, cluster, params.backupId)
      if (backup.status === 'DELETED') throw apiError(96041)
      deleteBackup(world, backup, now)
      return { backupId: backup.backupId, backupName: backup.backupName }
    }
  }
]
