/**
 * Business errors, answered as HTTP 200 + {code, message} (docs/zilliz-api-notes.md#envelope). Messages from ERR2,
 * verbatim.
 */
const MESSAGES = {
  96000: 'Invalid CloudId. Please use the ListCloudProviders API to obtain a list of supported cloudIds.',
  96001: 'Invalid RegionId. Please use the ListCloudRegions API to obtain a list of supported regionIds.',
  96002: 'Invalid cuSize. The parameter value should be positive.',
  96005: 'Invalid projectId. The projectId should be like proj-xxxxxxxx. Please use the ListProjects API to obtain your scoped projects.',
  96007: 'Invalid ISO 8601 timestamp format in UTC.',
  96008: 'The parameter value for pageSize should be between 1 and 100.',
  96009: 'The parameter currentPage should have a value between 1 and the maximum value of Int.',
  96010: 'Invalid clusterName. Cluster names can only contain alphanumeric letters and hyphens.',
  96017: 'The specified cluster name already exists under project.',
  96018: 'Cluster not found. Please use the ListClusters API to obtain your scoped clusters.',
  96021: 'Free cluster does not support this operation.',
  96022: 'Serverless cluster does not support this operation.',
  96026: 'Job not found. Please check your request parameter.',
  96028: 'Feature only supported for enterprise plan clusters.',
  96029: 'Invalid backupType.',
  96030: 'Invalid backup creationMethod.',
  96031: "Invalid backup restore policy. The value of 'collectionStatus' should be KEEP or RELEASE.",
  96032: 'Invalid backup policy frequency.',
  96033: 'Invalid backup policy startTime.',
  96034: 'Invalid auto backup retentionDays. The value should be between 1 and 30.',
  96035: 'Invalid time range. Please check start and end time parameters.',
  96037: 'Invalid targetCollectionStatus. The value should be LOADED or UNLOADED.',
  96038: 'Failed to create backup.',
  96039: 'Failed to restore collection backup.',
  96040: 'Failed to restore cluster backup.',
  // Emulator-only codes (README [I]): the service's codes for these cases are undocumented.
  96041: 'Backup not found. Please check your backupId.',
  96042: 'The backup is not AVAILABLE.',
  96100: 'Invalid request body.'
} as const

export type ErrorCode = keyof typeof MESSAGES

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly code: ErrorCode,
    detail?: string
  ) {
    super(detail === undefined ? MESSAGES[code] : `${MESSAGES[code]} ${detail}`)
  }
}

export function apiError(code: ErrorCode, detail?: string): ApiError {
  return new ApiError(code, detail)
}
