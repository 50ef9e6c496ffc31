/**
 * Schema 6: the cause of a connection's last failed sync (contract/causes.ts), so that sync/status words it the
 * same way on every screen, across restarts. NULL when the last attempt succeeded (or failed before this step).
 */
export const migration0006 = {
  version: 6,
  name: 'sync-failure-cause',
  sql: `
ALTER TABLE sync_state ADD COLUMN last_error_cause TEXT CHECK (last_error_cause IS NULL OR length(last_error_cause) <= 40);
`
} as const
