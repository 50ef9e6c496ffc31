import { migration0001 } from './0001_init.ts'
import { migration0002 } from './0002_notifications.ts'
import { migration0003 } from './0003_backup_history.ts'
import { migration0004 } from './0004_intent_known_backups.ts'
import { migration0005 } from './0005_templates.ts'
import { migration0006 } from './0006_sync_failure_cause.ts'
import { migration0007 } from './0007_webhooks.ts'
import { migration0008 } from './0008_draft_names.ts'
import { migration0009 } from './0009_timeline.ts'
import { migration0010 } from './0010_health_index.ts'
import { migration0011 } from './0011_first_backup.ts'
import { migration0012 } from './0012_notice_connections.ts'
import { migration0013 } from './0013_fleet_indexes.ts'
import { migration0014 } from './0014_cluster_watch.ts'
import { migration0015 } from './0015_backups_by_connection.ts'
import { migration0016 } from './0016_drop_backups_by_connection.ts'
import { migration0017 } from './0017_clusters_by_id.ts'

/** One forward-only schema step. `version` is the `user_version` the database has once `sql` has run. */
export type Migration = {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/**
 * Every schema step, in order. Released steps are immutable: change the schema by appending one.
 * 0002 is reserved for the notification ledger and settings.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017
]
