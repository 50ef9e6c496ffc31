import { existsSync, openSync, readSync, writeSync, closeSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupDatabase } from '#core/store/backup-copies'
import { openDatabase } from '#core/store/database'
import { listDrafts, saveDraft } from '#core/store/drafts.repo'
import { replaceBackups } from '#core/store/mirror.repo'
import { getSyncState } from '#core/store/sync-state.repo'
import { CONNECTION_ID, countRows, makeBackups, makeTempDir, openWithConnection, weekdayPolicy } from './store-fixtures.ts'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

/** A database with three drafts and a cached list, backed up, then closed (WAL checkpointed into the file). */
async function seedAndBackUp(path: string): Promise<{ drafts: number; draftsRootPage: number; pageSize: number }> {
  const db = openWithConnection(path)
  for (const cluster of ['in01-a', 'in01-b', 'in01-c']) {
    saveDraft(db, { connectionId: CONNECTION_ID, clusterId: cluster, policy: weekdayPolicy, basePolicy: null })
  }
  replaceBackups(db, CONNECTION_ID, makeBackups(200))
  await backupDatabase(db, join(dir, 'backups'))
  const draftsRootPage = (db.sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'drafts'").get() as {
    rootpage: number
  }).rootpage
  const pageSize = Number(db.sqlite.pragma('page_size', { simple: true }))
  db.close()
  return { drafts: 3, draftsRootPage, pageSize }
}

function xorPage(path: string, page: number, pageSize: number): void {
  const fd = openSync(path, 'r+')
  const buffer = Buffer.alloc(pageSize)
  const offset = (page - 1) * pageSize
  readSync(fd, buffer, 0, pageSize, offset)
  for (let i = 0; i < buffer.length; i++) buffer[i] = (buffer[i] ?? 0) ^ 0x5a
  writeSync(fd, buffer, 0, pageSize, offset)
  closeSync(fd)
}

describe('corruption recovery (R19)', () => {
  it('quarantines a file with a garbage header and restores drafts from the newest backup', async () => {
    const path = join(dir, 'store.db')
    await seedAndBackUp(path)
    writeFileSync(path, 'This is now a broken DB')

    const { db, recovered } = openDatabase(path)
    expect(recovered).not.toBeNull()
    expect(recovered?.restoredFrom).toMatch(/backup-desk-\d{8}T\d{9}Z\.db$/)
    expect(recovered?.quarantinedPath).toMatch(/store\.db\.corrupt-\d{8}T\d{9}Z$/)
    expect(existsSync(recovered?.quarantinedPath ?? '')).toBe(true)
    expect(listDrafts(db)).toHaveLength(3)
    expect(countRows(db, 'backups')).toBe(0)
    expect(getSyncState(db, CONNECTION_ID)?.stale.backups).toBe(true)
    db.close()
  })

  it('detects a damaged b-tree page of the drafts table with quick_check and restores', async () => {
    const path = join(dir, 'store.db')
    const { draftsRootPage, pageSize } = await seedAndBackUp(path)
    xorPage(path, draftsRootPage, pageSize)

    const { db, recovered } = openDatabase(path)
    expect(recovered?.reason).toMatch(/quick_check|malformed|corrupt/i)
    expect(recovered?.restoredFrom).not.toBeNull()
    expect(existsSync(recovered?.quarantinedPath ?? '')).toBe(true)
    expect(listDrafts(db).map((d) => d.clusterId).sort()).toEqual(['in01-a', 'in01-b', 'in01-c'])
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('starts fresh and says so when there is no backup, keeping the damaged file', () => {
    const path = join(dir, 'store.db')
    openWithConnection(path).close()
    writeFileSync(path, 'This is now a broken DB')

    const { db, recovered } = openDatabase(path)
    expect(recovered?.restoredFrom).toBeNull()
    expect(existsSync(recovered?.quarantinedPath ?? '')).toBe(true)
    expect(countRows(db, 'connections')).toBe(0)
    db.close()
  })

  it('does not treat a healthy file as damaged', async () => {
    const path = join(dir, 'store.db')
    await seedAndBackUp(path)
    const { db, recovered } = openDatabase(path)
    expect(recovered).toBeNull()
    expect(countRows(db, 'backups')).toBe(200)
    db.close()
  })
})
