import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { stageBackups } from '#core/store/backup-staging.repo'
import { addConnection } from '#core/store/connections.repo'
import type { StoreDatabase } from '#core/store/database'
import { markStale, replaceBackups } from '#core/store/mirror.repo'
import { getSyncState } from '#core/store/sync-state.repo'
import { CONNECTION_ID, countRows, makeBackups, makeTempDir, openWithConnection } from './store-fixtures.ts'

let dir: string
let cleanup: () => void
let db: StoreDatabase
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  db = openWithConnection(join(dir, 'store.db'))
})
afterEach(() => {
  db.close()
  cleanup()
})

const cached = (connectionId = CONNECTION_ID): unknown[] =>
  db.sqlite.prepare('SELECT * FROM backups WHERE connection_id = ? ORDER BY backup_id').all(connectionId)
const staged = (): number => countRows(db, 'temp.backup_staging')

describe('the staged backup list of a sync (backup-staging.repo)', () => {
  it('replaces the cache with exactly the staged pages on commit, a backup listed twice kept once in its later form', () => {
    replaceBackups(db, CONNECTION_ID, makeBackups(30, { tag: 'old' }))
    markStale(db, CONNECTION_ID, ['backups'])
    const fresh = makeBackups(250, { tag: 'new' })
    const staging = stageBackups(db, CONNECTION_ID)
    staging.add(fresh.slice(0, 100))
    staging.add(fresh.slice(100, 200))
    // Offsets shifted under the walk: the last backup of page 2 comes again on page 3, renamed meanwhile.
    staging.add([{ ...fresh[199]!, backupName: 'renamed' }, ...fresh.slice(200)])
    expect(cached()).toHaveLength(30)
    expect(staging.commit()).toBe(250)
    const names = (cached() as { backup_id: string; backup_name: string }[]).map((r) => [r.backup_id, r.backup_name])
    expect(names).toHaveLength(250)
    expect(names.find(([id]) => id === fresh[199]!.backupId)).toEqual([fresh[199]!.backupId, 'renamed'])
    expect(getSyncState(db, CONNECTION_ID)?.stale.backups).toBe(false)
    expect(staged()).toBe(0)
  })

  it('leaves the cache and its stale flag untouched until commit, and discarding drops only this connection\'s pages', () => {
    addConnection(db, { id: 'conn-2', name: 'Staging', baseUrl: 'https://example.test' })
    replaceBackups(db, CONNECTION_ID, makeBackups(30, { tag: 'old' }))
    markStale(db, CONNECTION_ID, ['backups'])
    const before = cached()
    const other = stageBackups(db, 'conn-2')
    other.add(makeBackups(5, { tag: 'two', connectionId: 'conn-2' }))
    const staging = stageBackups(db, CONNECTION_ID)
    staging.add(makeBackups(100, { tag: 'new' }))
    staging.discard()
    expect(cached()).toEqual(before)
    expect(getSyncState(db, CONNECTION_ID)?.stale.backups).toBe(true)
    expect(staged()).toBe(5)
    expect(other.commit()).toBe(5)
    expect(cached('conn-2')).toHaveLength(5)
  })

  it('starts empty even when an interrupted sync left pages behind', () => {
    stageBackups(db, CONNECTION_ID).add(makeBackups(40, { tag: 'left' }))
    const staging = stageBackups(db, CONNECTION_ID)
    staging.add(makeBackups(3, { tag: 'new' }))
    expect(staging.commit()).toBe(3)
    expect((cached() as { backup_id: string }[]).map((r) => r.backup_id)).toEqual(['new-000000', 'new-000001', 'new-000002'])
  })

  it('refuses a page with a bad backup whole (input/invalid naming the field) and keeps the pages before it', () => {
    const staging = stageBackups(db, CONNECTION_ID)
    staging.add(makeBackups(10, { tag: 'a' }))
    const bad = makeBackups(10, { tag: 'b' }).map((b, i) => (i === 9 ? { ...b, createTime: 'yesterday' } : b))
    expect(() => staging.add(bad)).toThrow(/createTime is not a valid date/)
    expect(() => staging.add(makeBackups(1, { connectionId: 'other' }))).toThrow(expect.objectContaining({ code: 'input/invalid' }))
    expect(staged()).toBe(10)
  })

  it('rolls the whole commit back when a staged row breaks the cache\'s rules, leaving the previous cache byte-identical', () => {
    replaceBackups(db, CONNECTION_ID, makeBackups(30, { tag: 'old' }))
    const before = cached()
    const staging = stageBackups(db, CONNECTION_ID)
    staging.add(makeBackups(20, { tag: 'new' }).map((b, i) => (i === 19 ? { ...b, size: -1 } : b)))
    expect(() => staging.commit()).toThrow(expect.objectContaining({ name: 'CoreError' }))
    expect(cached()).toEqual(before)
  })

  it('stages pages while another process holds the write lock: staging takes no lock the CLI would wait for', () => {
    const cli = new Database(db.path, { timeout: 5000 })
    try {
      cli.prepare('BEGIN IMMEDIATE').run()
      // Had staging asked for the write lock, it would have waited out the busy timeout and failed (store/busy).
      const staging = stageBackups(db, CONNECTION_ID)
      staging.add(makeBackups(100))
      expect(staged()).toBe(100)
      staging.discard()
      cli.prepare('ROLLBACK').run()
    } finally {
      cli.close()
    }
  })
})
