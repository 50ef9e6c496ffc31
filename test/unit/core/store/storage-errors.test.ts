import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '#contract/errors'
import { openDatabase } from '#core/store/database'
import { listDrafts, saveDraft } from '#core/store/drafts.repo'
import { replaceBackups } from '#core/store/mirror.repo'
import { CONNECTION_ID, countRows, makeBackups, makeTempDir, openWithConnection, weekdayPolicy } from './store-fixtures.ts'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => {
  chmodSync(dir, 0o700)
  cleanup()
})

function caught(work: () => unknown): CoreError {
  try {
    work()
  } catch (error) {
    if (error instanceof CoreError) return error
    throw error
  }
  throw new Error('expected a CoreError')
}

const isRoot = process.getuid?.() === 0

describe('storage errors surface as store/failed and leave the data intact (R21)', () => {
  it('a full disk (max_page_count cap) aborts the refresh, keeps the old rows, and the next write succeeds', () => {
    const db = openWithConnection(join(dir, 'store.db'))
    replaceBackups(db, CONNECTION_ID, makeBackups(100, { tag: 'old' }))
    const pages = Number(db.sqlite.pragma('page_count', { simple: true }))
    db.sqlite.pragma(`max_page_count = ${pages + 2}`)

    const error = caught(() => replaceBackups(db, CONNECTION_ID, makeBackups(20_000, { tag: 'new' })))
    expect(error.code).toBe('store/failed')
    expect(error.message).toMatch(/^Could not refresh the cached backups: the disk is full/)
    expect(countRows(db, 'backups')).toBe(100)
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')

    db.sqlite.pragma('max_page_count = 1073741823')
    replaceBackups(db, CONNECTION_ID, makeBackups(20_000, { tag: 'new' }))
    expect(countRows(db, 'backups')).toBe(20_000)
    db.close()
  })

  it('a read-only database refuses the write with a plain message and stays usable', () => {
    const db = openWithConnection(join(dir, 'store.db'))
    db.sqlite.pragma('query_only = ON')
    const error = caught(() =>
      saveDraft(db, { connectionId: CONNECTION_ID, clusterId: 'in01-a', policy: weekdayPolicy, basePolicy: null })
    )
    expect(error.code).toBe('store/failed')
    expect(error.message).toMatch(/read-only/)
    db.sqlite.pragma('query_only = OFF')
    saveDraft(db, { connectionId: CONNECTION_ID, clusterId: 'in01-a', policy: weekdayPolicy, basePolicy: null })
    expect(listDrafts(db)).toHaveLength(1)
    db.close()
  })

  it.skipIf(isRoot)('a read-only data directory is refused at open, then opens once writable again', () => {
    const path = join(dir, 'store.db')
    openWithConnection(path).close()
    chmodSync(path, 0o400)
    chmodSync(dir, 0o500)
    expect(caught(() => openDatabase(path)).code).toBe('store/failed')
    chmodSync(dir, 0o700)
    chmodSync(path, 0o600)
    const { db } = openDatabase(path)
    expect(countRows(db, 'connections')).toBe(1)
    db.close()
  })

  it('a data folder that cannot exist is reported as store/failed', () => {
    writeFileSync(join(dir, 'a-file'), 'x')
    expect(caught(() => openDatabase(join(dir, 'a-file', 'store.db'))).code).toBe('store/failed')
  })
})
