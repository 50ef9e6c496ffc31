import type { Backup } from '#contract/models/backup'
import type { StoreDatabase } from './database.ts'
import { BACKUP_COLUMNS, backupRow, replaceList } from './mirror.repo.ts'
import { tempTransaction } from './transaction.ts'

/**
 * A sync's backup list while its pages arrive: kept in a TEMP table of the writer's connection (a file of its
 * own that nothing else sees and that needs no fsync), so the sync holds one page at a time instead of the
 * organization's whole list as objects — 100,000 backups held until the last page made the host's heap grow by
 * hundreds of megabytes. The cache itself changes only in `commit`, in one transaction
 * (docs/reliability.md#r27): a sync that fails on any page leaves it exactly as it was.
 */
type BackupStaging = {
  /** Keeps one page of the list; a backup listed again (offsets shifted under the walk) replaces its first copy. */
  add(backups: readonly Backup[]): void
  /** Drops every staged backup (the list restarted from page 1, or the sync failed). */
  discard(): void
  /** Replaces the connection's cached backups with exactly the staged list, in one transaction; how many. */
  commit(): number
}

const CREATE_STAGING = `CREATE TEMP TABLE IF NOT EXISTS backup_staging (
  connection_id TEXT NOT NULL, backup_id TEXT NOT NULL, backup_name TEXT NOT NULL, cluster_id TEXT NOT NULL,
  cluster_name TEXT NOT NULL, project_id TEXT NOT NULL, backup_type TEXT NOT NULL, creation_method TEXT NOT NULL,
  status TEXT NOT NULL, size REAL NOT NULL, create_time INTEGER NOT NULL, expire_time INTEGER,
  PRIMARY KEY (backup_id, connection_id)
) STRICT`

/**
 * The staged pages are written once and read once, in order: a small page cache serves that as well as the
 * default 16 MB (`DEFAULT_CACHE_SIZE` of better-sqlite3's SQLite), which would stay allocated after the sync.
 */
const STAGING_CACHE_KIB = 2048

/** Starts staging a connection's backup list (anything a previous, interrupted sync left is dropped). */
export function stageBackups(db: StoreDatabase, connectionId: string): BackupStaging {
  tempTransaction(db, 'prepare the backup list', () => {
    db.sqlite.pragma(`temp.cache_size = -${STAGING_CACHE_KIB}`)
    db.sqlite.exec(CREATE_STAGING)
  })
  const discard = (): void => {
    tempTransaction(db, 'drop the staged backup list', () => {
      db.prepare('DELETE FROM temp.backup_staging WHERE connection_id = ?').run(connectionId)
    })
  }
  discard()
  return {
    add(backups) {
      // Converted before the transaction, so a bad backup fails the page without writing any of it.
      const rows = backups.map((b) => backupRow(connectionId, b))
      tempTransaction(db, 'stage the backup list', () => {
        const insert = db.prepare(`INSERT OR REPLACE INTO temp.backup_staging (${BACKUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        for (const row of rows) insert.run(...row)
      })
    },
    discard,
    commit() {
      return replaceList(db, connectionId, 'backups', () => {
        const count = db
          .prepare(`INSERT INTO backups (${BACKUP_COLUMNS}) SELECT ${BACKUP_COLUMNS} FROM temp.backup_staging WHERE connection_id = ?`)
          .run(connectionId).changes
        db.prepare('DELETE FROM temp.backup_staging WHERE connection_id = ?').run(connectionId)
        return count
      })
    }
  }
}
