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
