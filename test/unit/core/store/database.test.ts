import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '#contract/errors'
import { openDatabase, readPragmas } from '#core/store/database'
import { MIGRATIONS, type Migration } from '#core/store/migrations/index'
import { migration0001 } from '#core/store/migrations/0001_init'
import { makeTempDir } from './store-fixtures.ts'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

function userVersion(path: string): number {
  const raw = new Database(path, { readonly: true })
  try {
    return Number(raw.pragma('user_version', { simple: true }))
  } finally {
    raw.close()
  }
}

function tableNames(sqlite: Database.Database): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
}

/** A step that creates a table, then fails: nothing of it may remain. */
const BROKEN_STEP_2: Migration = {
  version: 2,
  name: 'broken',
  sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);'
}

describe('openDatabase', () => {
  it('reads back WAL, synchronous=FULL, foreign keys on and a busy timeout of at least 5 s (R16)', () => {
    const { db } = openDatabase(join(dir, 'store.db'))
    expect(readPragmas(db.sqlite)).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeoutMs: 5000 })
    db.close()
  })

  it('refuses a busy timeout below 5 s', () => {
    expect(() => openDatabase(join(dir, 'store.db'), { busyTimeoutMs: 200 })).toThrow(/at least 5000/)
  })

  it('creates the whole schema on a fresh file at the latest version', () => {
    const path = join(dir, 'store.db')
    const { db, migrated } = openDatabase(path)
    expect(migrated).toEqual({ from: 0, to: MIGRATIONS.length })
    expect(tableNames(db.sqlite)).toEqual(expect.arrayContaining([
      'backup_intents', 'backups', 'clusters', 'connections', 'drafts', 'jobs', 'policies', 'policy_history',
      'projects', 'sync_state'
    ]))
    const columns = (db.sqlite.prepare('PRAGMA table_info(connections)').all() as { name: string }[]).map((c) => c.name)
    expect(columns.some((c) => /key|token|secret/i.test(c))).toBe(false)
    db.close()
    expect(userVersion(path)).toBe(MIGRATIONS.length)
  })

  it('reopening an up-to-date file applies nothing', () => {
    const path = join(dir, 'store.db')
    openDatabase(path).db.close()
    const { db, migrated } = openDatabase(path)
    expect(migrated).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length })
    db.close()
  })

  it('leaves user_version at the previous step when a step throws (R18)', () => {
    const path = join(dir, 'store.db')
    openDatabase(path, { migrations: [migration0001] }).db.close()
    let thrown: unknown
    try {
      openDatabase(path, { migrations: [migration0001, BROKEN_STEP_2] })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CoreError)
    expect((thrown as CoreError).code).toBe('store/failed')
    expect((thrown as CoreError).message).toMatch(/schema 2 \(broken\).*left at schema 1/)
    expect(userVersion(path)).toBe(1)
    const { db } = openDatabase(path, { migrations: [migration0001] })
    expect(tableNames(db.sqlite)).not.toContain('half_done')
    expect(tableNames(db.sqlite)).toContain('connections')
    db.close()
  })

  it('leaves a fresh file empty at schema 0 when any of its steps throws (all steps in one transaction)', () => {
    const path = join(dir, 'store.db')
    expect(() => openDatabase(path, { migrations: [migration0001, BROKEN_STEP_2] })).toThrow(/schema 2 \(broken\).*left at schema 0/)
    expect(userVersion(path)).toBe(0)
    const raw = new Database(path)
    expect(tableNames(raw)).toEqual([])
    raw.close()
  })

  it('refuses a database written by a newer version and leaves it untouched (R18)', () => {
    const path = join(dir, 'store.db')
    openDatabase(path).db.close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    raw.close()
    const latest = MIGRATIONS.length
    expect(() => openDatabase(path)).toThrow(
      new CoreError(
        'store/failed',
        `This data was written by a newer Backup Desk (schema ${latest + 1}); this version understands up to ${latest}. ` +
          'Update Backup Desk, or start it with another data folder.'
      )
    )
    expect(userVersion(path)).toBe(MIGRATIONS.length + 1)
  })

  it('checkpoints the WAL into the main file on close', () => {
    const path = join(dir, 'store.db')
    const { db } = openDatabase(path)
    db.close()
    db.close()
    expect(readFileSync(`${path}-wal`, { flag: 'a+' }).length).toBe(0)
  })
})
