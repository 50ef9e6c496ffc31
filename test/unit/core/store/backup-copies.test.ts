import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupDatabase, backupIfDue, listBackupCopies } from '#core/store/backup-copies'
import { saveDraft } from '#core/store/drafts.repo'
import { replaceBackups } from '#core/store/mirror.repo'
import { CONNECTION_ID, makeBackups, makeTempDir, openWithConnection, weekdayPolicy } from './store-fixtures.ts'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

function inspectCopy(path: string): { integrity: unknown; backups: number; drafts: number } {
  const copy = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return {
      integrity: copy.pragma('integrity_check', { simple: true }),
      backups: (copy.prepare('SELECT count(*) AS n FROM backups').get() as { n: number }).n,
      drafts: (copy.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n
    }
  } finally {
    copy.close()
  }
}

describe('rotated online backups (R20)', () => {
  it('copies while writes continue; each copy passes integrity_check and holds a committed state', async () => {
    const db = openWithConnection(join(dir, 'store.db'))
    const backupsDir = join(dir, 'backups')
    replaceBackups(db, CONNECTION_ID, makeBackups(2000, { tag: 'g0' }))
    const copies = []
    for (let round = 1; round <= 7; round++) {
      const copying = backupDatabase(db, backupsDir, 5)
      // Writes land while the copy is in progress; the copy must show either the old or the new list whole.
      replaceBackups(db, CONNECTION_ID, makeBackups(2000 + round, { tag: `g${round}` }))
      saveDraft(db, { connectionId: CONNECTION_ID, clusterId: `in01-${round}`, policy: weekdayPolicy, basePolicy: null })
      copies.push(await copying)
    }
    db.close()
    const kept = listBackupCopies(backupsDir)
    expect(kept).toHaveLength(5)
    expect(kept.map((c) => c.path)).toEqual(copies.slice(-5).reverse().map((c) => c.path))
    for (const copy of kept) {
      const seen = inspectCopy(copy.path)
      expect(seen.integrity).toBe('ok')
      expect([2000, ...Array.from({ length: 7 }, (_, i) => 2001 + i)]).toContain(seen.backups)
    }
  })

  it('backs up only when the newest copy is older than a day', async () => {
    const db = openWithConnection(join(dir, 'store.db'))
    const backupsDir = join(dir, 'backups')
    let now = Date.UTC(2025, 5, 1)
    const clock = () => now
    expect(await backupIfDue(db, backupsDir, { now: clock })).not.toBeNull()
    now += 23 * 3_600_000
    expect(await backupIfDue(db, backupsDir, { now: clock })).toBeNull()
    now += 2 * 3_600_000
    expect(await backupIfDue(db, backupsDir, { now: clock })).not.toBeNull()
    expect(listBackupCopies(backupsDir)).toHaveLength(2)
    db.close()
  })

  it('refuses to keep fewer than one copy', async () => {
    const db = openWithConnection(join(dir, 'store.db'))
    await expect(backupDatabase(db, join(dir, 'backups'), 0)).rejects.toMatchObject({ code: 'input/invalid' })
    db.close()
  })
})
