/** Public surface of the Zilliz Cloud API client. */
export { createZillizClient } from './zilliz-client.ts'
export type {
  BackupFilters,
  BackupPage,
  BackupPageQuery,
  Cloud,
  CreateBackupParams,
  ExportBackupParams,
  Region,
  RestoreClusterParams,
  RestoreCollectionParams,
  ZillizClient,
  ZillizClientOptions
} from './zilliz-client.ts'
export { ApiError, outcomeOf } from './api-error.ts'
export type { ApiOutcome } from './api-error.ts'
export { ZILLIZ_BASE_URLS, baseUrlForCloud, normalizeBaseUrl } from './base-url.ts'
export { DEFAULT_LIMITS } from './limits.ts'
export type { ApiLimits } from './limits.ts'
export type { ClientStats } from './executor.ts'
export type { BreakerState } from './circuit-breaker.ts'
export type { PageProgress } from './paginate.ts'
export type { ApiBackup, ApiBackupDetail, ApiCluster, ApiProject, BackupCollection, PolicyReading } from './normalize.ts'
