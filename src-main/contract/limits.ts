/*
 * Limits shared by the contract's zod schemas, the core's repositories and the renderer's inline
 * validation, as plain constants free of zod (the renderer imports them without the schema library).
 */

/**
 * Identifiers (connection, draft, cluster, project, backup, integration, region and job IDs): letters, digits,
 * `_` and `-`, as Zilliz Cloud and Backup Desk mint them. Ids become URL path segments, so `.`, `..`, `/` and
 * `%` (encoded forms) never pass.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/
export const ID_MAX_LENGTH = 100

/** A storage integration ID as Zilliz Cloud mints it, `integ-` then id characters (docs/zilliz-api-notes.md#ids). */
export const INTEGRATION_ID_PATTERN = /^integ-[A-Za-z0-9_-]+$/

/** A connection's display name, trimmed. */
export const CONNECTION_NAME_MAX_LENGTH = 80
/** A connection tag's label, trimmed. */
export const CONNECTION_TAG_MAX_LENGTH = 24
/** An API key, trimmed: Zilliz keys are well inside this; the cap keeps a pasted file out of the keychain. */
export const API_KEY_MIN_LENGTH = 8
export const API_KEY_MAX_LENGTH = 1000

/** The numeric notification settings and their ranges, which keep every lead time meaningful for a weekly schedule. */
export const NOTIFICATION_SETTING_RANGES = {
  upcomingLeadMinutes: { min: 1, max: 24 * 60 },
  expiringLeadHours: { min: 1, max: 14 * 24 },
  missedGraceMinutes: { min: 0, max: 24 * 60 },
  stuckLimitHours: { min: 1, max: 7 * 24 }
} as const

/** How long the observed-backups history keeps a backup gone from the API (protection-settings/update). */
export const HISTORY_RETENTION_DAYS_RANGE = { min: 30, max: 3650 } as const

/** The largest file the app saves or opens as text (a 1,000-cluster policy file is about 200 KB). */
export const FILE_TEXT_MAX = 20_000_000
