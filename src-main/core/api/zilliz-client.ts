/**
 * The Zilliz Cloud control-plane client: the only code that knows URLs, headers and HTTP status, so the two error
 * paths (docs/zilliz-api-notes.md#envelope) are handled once. Callers get contract models or a `CoreError` (an `ApiError` carrying `outcomeOf`).
 */
import type { z } from 'zod'
import { CoreError } from '#contract/errors'
import type { BackupType, CreationMethod } from '#contract/models/backup'
import type { Job } from '#contract/models/job'
import type { BackupPolicy } from '#contract/models/policy'
import { systemClock } from '../lib/clock.ts'
import type { Clock } from '../lib/clock.ts'
import { silentLogger } from '../lib/logger.ts'
import type { Logger } from '../lib/logger.ts'
import { ApiError } from './api-error.ts'
import { normalizeBaseUrl } from './base-url.ts'
import type { BreakerState } from './circuit-breaker.ts'
import { createExecutor } from './executor.ts'
import type { ClientStats, Operation } from './executor.ts'
import type { ApiLimits } from './limits.ts'
import * as n from './normalize.ts'
import type { ApiBackup, ApiBackupDetail, ApiCluster, ApiProject, PolicyReading } from './normalize.ts'
import { streamPages, walkPages, type PageProgress, type StreamOptions } from './paginate.ts'
import * as s from './schemas.ts'

type ZillizClientOptions = {
  baseUrl: string
  apiKey: string
  clock?: Clock
  logger?: Logger
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  limits?: Partial<ApiLimits>
}

type BackupFilters = {
  projectId?: string
  clusterId?: string
  creationMethod?: CreationMethod
  backupType?: BackupType
  /** Passed through as given; ISO 8601 UTC is the probable format (docs/zilliz-api-notes.md#list-backups). */
  startTime?: string
  endTime?: string
}
type BackupPageQuery = BackupFilters & { currentPage?: number; pageSize?: number }
type BackupPage = { count: number; currentPage: number; pageSize: number; backups: ApiBackup[] }

type CreateBackupParams = {
  backupType: BackupType
  dbCollections?: { dbName?: string; collectionNames: string[] }[]
  crossRegionCopies?: { regionId: string }[]
}
type RestoreClusterParams = {
  projectId: string
  clusterName: string
  cuSize: number
  collectionStatus: 'KEEP' | 'RELEASE'
  restoreVersionPolicy?: 'ORIGINAL' | 'LATEST'
}
type RestoreCollectionParams = {
  destClusterId: string
  dbCollections?: {
    dbName: string
    destDbName: string
    collections: { collectionName: string; targetCollectionName?: string; targetCollectionStatus?: 'LOADED' | 'UNLOADED' }[]
  }[]
}
type ExportBackupParams = { integrationId: string; directory?: string }

export type Cloud = { cloudId: string; description: string }
export type Region = { cloudId: string; regionId: string; domain: string | null; apiBaseUrl: string | null; supportedClusterTypes: string[] }

const PAGE_SIZE = 100

export function createZillizClient(options: ZillizClientOptions) {
  const baseUrl = normalizeBaseUrl(options.baseUrl)
  // Printable ASCII only: anything else could split the header; the key itself is never echoed.
  if (!/^[\x21-\x7e]+$/.test(options.apiKey)) {
    throw new CoreError('input/invalid', 'The API key is empty or contains invalid characters.')
  }
  const executor = createExecutor({
    baseUrl,
    apiKey: options.apiKey,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    ...(options.limits === undefined ? {} : { limits: options.limits })
  })

  async function call<S extends z.ZodType>(op: Operation, schema: S, useBodyIfNoData = false): Promise<z.output<S>> {
    const { data, body } = await executor.run(op)
    const parsed = schema.safeParse(data === undefined && useBodyIfNoData ? body : data)
    if (!parsed.success) {
      // The ZodError is not attached: its message would echo the server's data.
      throw new ApiError(
        'api/invalid-response',
        `Zilliz Cloud sent an answer to ${op.method} ${op.route} that Backup Desk does not understand.`,
        op.method === 'GET' ? 'rejected' : 'unknown'
      )
    }
    return parsed.data
  }

  const clusterPath = (clusterId: string) => `/v2/clusters/${seg(clusterId, 'cluster ID')}`
  const backupPath = (clusterId: string, backupId: string) => `${clusterPath(clusterId)}/backups/${seg(backupId, 'backup ID')}`

  async function listBackupsPage(query: BackupPageQuery = {}): Promise<BackupPage> {
    const currentPage = query.currentPage ?? 1
    const pageSize = query.pageSize ?? PAGE_SIZE
    const page = await call({ method: 'GET', route: '/v2/backups', path: '/v2/backups', query: { ...query, currentPage, pageSize } }, s.backupPageSchema)
    return { count: page.count, currentPage: page.currentPage ?? currentPage, pageSize: page.pageSize ?? pageSize, backups: page.backups.map(n.toBackup) }
  }

  return {
    baseUrl,

    async listProjects(): Promise<ApiProject[]> {
      const list = await call({ method: 'GET', route: '/v2/projects', path: '/v2/projects' }, s.projectListSchema)
      return list.map(n.toProject)
    },

    async describeProject(projectId: string): Promise<ApiProject> {
      const path = `/v2/projects/${seg(projectId, 'project ID')}`
      return n.toProject(await call({ method: 'GET', route: '/v2/projects/{id}', path }, s.projectSchema))
    },

    /** Every cluster the key can see, all pages; `onClusters` sees each page as it arrives. */
    async listClusters(onProgress?: (progress: PageProgress) => void, onClusters?: (clusters: ApiCluster[]) => void): Promise<ApiCluster[]> {
      const raw = await walkPages({
        pageSize: PAGE_SIZE,
        what: 'cluster',
        onProgress,
        onItems: onClusters === undefined ? undefined : (items: readonly s.RawCluster[]) => onClusters(items.map(n.toCluster)),
        keyOf: (c: s.RawCluster) => c.clusterId,
        fetchPage: async (currentPage) => {
          const page = await call({ method: 'GET', route: '/v2/clusters', path: '/v2/clusters', query: { pageSize: PAGE_SIZE, currentPage } }, s.clusterPageSchema)
          return { count: page.count, items: page.clusters }
        }
      })
      return raw.map(n.toCluster)
    },

    async describeCluster(clusterId: string): Promise<ApiCluster> {
      return n.toCluster(await call({ method: 'GET', route: '/v2/clusters/{id}', path: clusterPath(clusterId) }, s.clusterSchema))
    },

    async getPolicy(clusterId: string): Promise<PolicyReading> {
      const raw = await call({ method: 'GET', route: '/v2/clusters/{id}/backups/policy', path: `${clusterPath(clusterId)}/backups/policy` }, s.policySchema)
      return n.toPolicyReading(raw, clusterId)
    },

    async setPolicy(clusterId: string, policy: BackupPolicy): Promise<{ clusterId: string; status: string | null }> {
      const op: Operation = { method: 'POST', route: '/v2/clusters/{id}/backups/policy', path: `${clusterPath(clusterId)}/backups/policy`, body: n.toPolicyBody(policy) }
      const result = await call(op, s.setPolicyResultSchema)
      return { clusterId: result?.clusterId ?? clusterId, status: result?.status ?? null }
    },

    async createBackup(clusterId: string, params: CreateBackupParams): Promise<{ backupId: string; backupName: string; jobId: string }> {
      const body: Record<string, unknown> = { backupType: params.backupType }
      if (params.dbCollections !== undefined) body.dbCollections = params.dbCollections
      if (params.crossRegionCopies !== undefined) body.crossRegionCopies = params.crossRegionCopies
      const op: Operation = { method: 'POST', route: '/v2/clusters/{id}/backups/create', path: `${clusterPath(clusterId)}/backups/create`, body }
      return call(op, s.createBackupResultSchema)
    },

    listBackupsPage,

    /** Every backup matching `filters`, all pages (pageSize 100), deduplicated by backupId. */
    async listAllBackups(filters: BackupFilters = {}, onProgress?: (progress: PageProgress) => void): Promise<ApiBackup[]> {
      return walkPages({
        pageSize: PAGE_SIZE,
        what: 'backup',
        onProgress,
        keyOf: (b: ApiBackup) => b.backupId,
        fetchPage: async (currentPage) => {
          const page = await listBackupsPage({ ...filters, currentPage, pageSize: PAGE_SIZE })
          return { count: page.count, items: page.backups }
        }
      })
    },

    /**
     * Every backup of the organization, all pages, each page handed to `onPage` in order instead of kept: a sync
     * stores them as they come (100,000 backups held at once as objects made the host's heap grow by hundreds of
     * megabytes). Resolves to how many distinct backups the complete list has.
     */
    async streamAllBackups(handlers: Pick<StreamOptions<ApiBackup>, 'onPage' | 'onRestart' | 'onProgress'>): Promise<number> {
      return streamPages({
        ...handlers,
        pageSize: PAGE_SIZE,
        what: 'backup',
        keyOf: (b: ApiBackup) => b.backupId,
        fetchPage: async (currentPage) => {
          const page = await listBackupsPage({ currentPage, pageSize: PAGE_SIZE })
          return { count: page.count, items: page.backups }
        }
      })
    },

    async describeBackup(clusterId: string, backupId: string): Promise<ApiBackupDetail> {
      const raw = await call({ method: 'GET', route: '/v2/clusters/{id}/backups/{backupId}', path: backupPath(clusterId, backupId) }, s.backupDetailSchema)
      return n.toBackupDetail(raw)
    },

    async deleteBackup(clusterId: string, backupId: string): Promise<{ backupId: string; backupName: string | null }> {
      const result = await call({ method: 'DELETE', route: '/v2/clusters/{id}/backups/{backupId}', path: backupPath(clusterId, backupId) }, s.deleteBackupResultSchema)
      return { backupId: result?.backupId ?? backupId, backupName: result?.backupName ?? null }
    },

    async restoreCluster(clusterId: string, backupId: string, params: RestoreClusterParams): Promise<{ clusterId: string; username: string; password: string; jobId: string | null }> {
      const body = { projectId: params.projectId, clusterName: params.clusterName, cuSize: params.cuSize, collectionStatus: params.collectionStatus, ...(params.restoreVersionPolicy === undefined ? {} : { restoreVersionPolicy: params.restoreVersionPolicy }) }
      const op: Operation = { method: 'POST', route: '/v2/clusters/{id}/backups/{backupId}/restoreCluster', path: `${backupPath(clusterId, backupId)}/restoreCluster`, body }
      const result = await call(op, s.restoreClusterResultSchema)
      return { clusterId: result.clusterId, username: result.username, password: result.password, jobId: result.jobId ?? null }
    },

    async restoreCollection(clusterId: string, backupId: string, params: RestoreCollectionParams): Promise<{ jobId: string }> {
      const body = { destClusterId: params.destClusterId, ...(params.dbCollections === undefined ? {} : { dbCollections: params.dbCollections }) }
      const op: Operation = { method: 'POST', route: '/v2/clusters/{id}/backups/{backupId}/restoreCollection', path: `${backupPath(clusterId, backupId)}/restoreCollection`, body }
      return call(op, s.jobIdResultSchema)
    },

    async exportBackup(clusterId: string, backupId: string, params: ExportBackupParams): Promise<{ jobId: string }> {
      const body = { integrationId: params.integrationId, ...(params.directory === undefined ? {} : { directory: params.directory }) }
      const op: Operation = { method: 'POST', route: '/v2/clusters/{id}/backups/{backupId}/export', path: `${backupPath(clusterId, backupId)}/export`, body }
      return call(op, s.jobIdResultSchema)
    },

    async describeJob(jobId: string): Promise<Job> {
      // REF's schema puts the job at top level while its example wraps it in `data`: read either.
      const raw = await call({ method: 'GET', route: '/v2/jobs/{id}', path: `/v2/jobs/${seg(jobId, 'job ID')}` }, s.jobSchema, true)
      return n.toJob(raw)
    },

    async listClouds(): Promise<Cloud[]> {
      const list = await call({ method: 'GET', route: '/v2/clouds', path: '/v2/clouds' }, s.cloudListSchema)
      return list.map((c) => ({ cloudId: c.cloudId, description: c.description ?? '' }))
    },

    async listRegions(cloudId?: string): Promise<Region[]> {
      const list = await call({ method: 'GET', route: '/v2/regions', path: '/v2/regions', query: { cloudId } }, s.regionListSchema)
      return list.map((r) => ({ cloudId: r.cloudId, regionId: r.regionId, domain: r.domain ?? null, apiBaseUrl: r.apiBaseUrl ?? null, supportedClusterTypes: r.supportedClusterTypes ?? [] }))
    },

    /** Server minus local clock in ms, estimated from `Date` headers; 0 before the first answer. */
    serverClockSkewMs: (): number => executor.serverClockSkewMs(),
    /** False until an answer carried a `Date` header: `serverClockSkewMs` is then only a guess of 0. */
    isServerClockKnown: (): boolean => executor.isServerClockKnown(),
    breakerState: (): BreakerState => executor.breakerState(),
    stats: (): ClientStats => executor.stats()
  }
}

export type ZillizClient = ReturnType<typeof createZillizClient>

/**
 * One URL path segment from an ID. `.` and `..` (also percent-encoded, which servers and proxies may decode) would
 * move the request to another route with the API key attached, so they are refused before any request; the
 * contract's ID_PATTERN refuses them earlier, this guards every other caller.
 */
function seg(value: string, what: string): string {
  if (value === '' || value.length > 200) throw new CoreError('input/invalid', `The ${what} is empty or too long.`)
  if (/^(\.|%2e){1,2}$/i.test(value)) throw new CoreError('input/invalid', `The ${what} cannot be a dot segment.`)
  return encodeURIComponent(value)
}
