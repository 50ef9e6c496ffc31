import { CoreError } from '#contract/errors'

/**
 * better-sqlite3 throws `SqliteError` with an extended result code (`SQLITE_IOERR_WRITE`, …). We match on the
 * primary code so that every variant of a failure reads the same to the admin (docs/reliability.md#r21).
 */
type SqliteLikeError = Error & { code: string }

function isSqliteError(error: unknown): error is SqliteLikeError {
  if (!(error instanceof Error) || !('code' in error)) return false
  return typeof error.code === 'string' && error.code.startsWith('SQLITE_')
}

function primaryCode(error: unknown): string | null {
  if (!isSqliteError(error)) return null
  const match = /^SQLITE_[A-Z]+/.exec(error.code)
  return match ? match[0] : null
}

/** The file is damaged, as opposed to unreachable or full; only these start a recovery (docs/reliability.md#r19). */
export function isCorruptionError(error: unknown): boolean {
  const code = primaryCode(error)
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB'
}

const PLAIN_MESSAGES: Record<string, string> = {
  SQLITE_FULL: 'the disk is full (or the data file reached its size limit). Free some space and try again.',
  SQLITE_IOERR: 'the disk reported a read or write error. Check the disk and try again.',
  SQLITE_READONLY: 'the data folder is read-only. Check its permissions and try again.',
  SQLITE_CANTOPEN: 'the data file could not be opened. Check that the data folder exists and is writable.',
  SQLITE_BUSY: 'the data file is in use by another Backup Desk window or program. Close it and try again.',
  SQLITE_LOCKED: 'the data file is in use by another Backup Desk window or program. Close it and try again.',
  SQLITE_CORRUPT: 'the data file is damaged. Restart Backup Desk to recover it from its latest backup.',
  SQLITE_NOTADB: 'the data file is damaged. Restart Backup Desk to recover it from its latest backup.',
  SQLITE_PERM: 'the data folder is not accessible. Check its permissions and try again.'
}

/**
 * The one place that turns a SQLite failure into a `CoreError`. `action` names what the admin was doing
 * ("save the draft"), so the message reads "Could not save the draft: the disk is full…". Constraint
 * violations mean the caller passed bad data, so they become `input/invalid`. Anything that is not a
 * SQLite error (a bug) is passed through untouched for the dispatcher to report as `internal`.
 */
export function toStoreError(error: unknown, action: string): Error {
  if (error instanceof CoreError) return error
  const code = primaryCode(error)
  if (code === null) return error instanceof Error ? error : new Error(String(error))
  if (code === 'SQLITE_CONSTRAINT') {
    return new CoreError('input/invalid', `Could not ${action}: ${describeConstraint(error)}`, undefined, {
      cause: error
    })
  }
  const plain = PLAIN_MESSAGES[code] ?? `the local database failed (${code}).`
  return new CoreError('store/failed', `Could not ${action}: ${plain}`, undefined, { cause: error })
}

function describeConstraint(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  if (message.includes('UNIQUE')) return 'an entry with the same identity already exists.'
  if (message.includes('FOREIGN KEY')) return 'it refers to something that does not exist.'
  if (message.includes('NOT NULL') || message.includes('CHECK')) return 'a value is missing or not allowed.'
  return 'the data was refused by the local database.'
}
