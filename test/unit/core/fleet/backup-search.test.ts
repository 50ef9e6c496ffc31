import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backup } from '#contract/models/backup'
import { BackupSearch } from '#core/fleet/backup-search'
import { listBackups } from '#core/store/backups.repo'
import { addConnection } from '#core/store/connections.repo'
import { openDatabase, type StoreDatabase } from '#core/store/database'
import { replaceBackups } from '#core/store/mirror.repo'

let db: StoreDatabase
const base = Date.UTC(2026, 0, 1)

function backup(i: number): Backup {
  return {
    backupId: `backup${i}_${(i * 7919).toString(16).padStart(15, '0')}`,
    backupName: `${i % 3 === 0 ? 'Orders' : 'search'}-${i % 17}_backup${i}`,
    clusterId: `in01-${i % 17}`,
    clusterName: `${i % 3 === 0 ? 'Orders' : 'search'}-${i % 17}`,
    projectId: `proj-${i % 3}`,
    connectionId: 'c1',
    backupType: i % 5 === 0 ? 'COLLECTION' : 'CLUSTER',
    creationMethod: i % 4 === 0 ? 'MANUAL' : 'AUTO',
    status: i % 9 === 0 ? 'CREATING' : 'AVAILABLE',
    size: (i * 104729) % 5000,
    createTime: new Date(base + (i % 50) * 3_600_000).toISOString(),
    expireTime: i % 4 === 0 ? null : new Date(base + (i % 23) * 86_400_000).toISOString()
  }
}

beforeAll(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'search-')), 'db.sqlite')).db
  addConnection(db, { id: 'c1', name: 'One', baseUrl: 'https://one.test' })
  replaceBackups(db, 'c1', Array.from({ length: 400 }, (_, i) => backup(i)))
})

afterAll(() => db.close())

describe('the in-memory backup search', () => {
  it('answers exactly what the SQL list answers, for any filter, sort and page', () => {
    const search = new BackupSearch(db)
    fc.assert(
      fc.property(
        fc.record({
          search: fc.constantFrom('orders', 'SEARCH-1', 'backup1', '_backup3', 'in01', 'zzz', 'e'),
          clusterId: fc.option(fc.constantFrom('in01-1', 'in01-3'), { nil: undefined }),
          creationMethod: fc.option(fc.constantFrom('AUTO' as const, 'MANUAL' as const), { nil: undefined }),
          status: fc.option(fc.constantFrom('AVAILABLE' as const, 'CREATING' as const), { nil: undefined }),
          sort: fc.record({
            by: fc.constantFrom('createTime' as const, 'expireTime' as const, 'size' as const, 'backupName' as const, 'clusterName' as const, 'status' as const),
            dir: fc.constantFrom('asc' as const, 'desc' as const)
          }),
          offset: fc.integer({ min: 0, max: 60 }),
          limit: fc.integer({ min: 1, max: 40 })
        }),
        (query) => {
          const fromMemory = search.search('c1', query)
          const fromSql = listBackups(db, { ...query, connectionId: 'c1' })
          expect(fromMemory.total).toBe(fromSql.total)
          expect(fromMemory.items.map((b) => b.backupId)).toEqual(fromSql.items.map((b) => b.backupId))
        }
      ),
      { numRuns: 200, seed: 20261124 }
    )
  })

  it('sees a changed cache once it is refreshed (as the sync does when it replaced the list), and a deleted backup at once', () => {
    const search = new BackupSearch(db)
    const query = { search: 'backup7_', sort: { by: 'createTime' as const, dir: 'desc' as const }, offset: 0, limit: 10 }
    expect(search.search('c1', query).total).toBe(1)
    replaceBackups(db, 'c1', [backup(1), backup(2)])
    expect(search.search('c1', query).total).toBe(1)
    search.refresh('c1')
    expect(search.search('c1', query).total).toBe(0)
    expect(search.search('c1', { ...query, search: 'backup' }).total).toBe(2)
    search.remove('c1', backup(2).backupId)
    expect(search.search('c1', { ...query, search: 'backup' }).items.map((b) => b.backupId)).toEqual([backup(1).backupId])
    replaceBackups(db, 'c1', Array.from({ length: 400 }, (_, i) => backup(i)))
  })

  it('places a created backup where the SQL list has it, without a rebuild, and only once', () => {
    const search = new BackupSearch(db)
    const query = { search: 'backup', sort: { by: 'createTime' as const, dir: 'desc' as const }, offset: 0, limit: 500 }
    expect(search.search('c1', query).total).toBe(400)
    const created = { ...backup(400), createTime: new Date(base + 20 * 3_600_000).toISOString() }
    replaceBackups(db, 'c1', Array.from({ length: 401 }, (_, i) => (i === 400 ? created : backup(i))))
    search.add(created)
    search.add(created)
    const fromSql = listBackups(db, { ...query, connectionId: 'c1' })
    expect(search.search('c1', query).items.map((b) => b.backupId)).toEqual(fromSql.items.map((b) => b.backupId))
    replaceBackups(db, 'c1', Array.from({ length: 400 }, (_, i) => backup(i)))
  })

  it('warms every connection at start, so the first search builds no index', async () => {
    const search = new BackupSearch(db)
    await search.warm(['c1'])
    // The cache changes behind the index's back: a search answering the warmed 400 backups read them at start.
    replaceBackups(db, 'c1', [backup(1)])
    expect(search.search('c1', { search: 'backup', sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 5 }).total).toBe(400)
    replaceBackups(db, 'c1', Array.from({ length: 400 }, (_, i) => backup(i)))
  })

  it('after any change of the cache, a refreshed index (keeping the entries that still hold) answers what SQL answers', () => {
    const search = new BackupSearch(db)
    const change = fc.constantFrom('same', 'gone', 'status', 'renamed', 'resized', 'moved', 'expiry')
    const changed = (b: Backup, how: string): Backup | null => {
      switch (how) {
        case 'gone':
          return null
        case 'status':
          return { ...b, status: b.status === 'AVAILABLE' ? 'DELETED' : 'AVAILABLE' }
        case 'renamed':
          return { ...b, backupName: `${b.backupName}-Renamed`, clusterName: `${b.clusterName}x` }
        case 'resized':
          return { ...b, size: b.size + 1 }
        case 'moved':
          return { ...b, createTime: new Date(Date.parse(b.createTime) - 1800_000).toISOString() }
        case 'expiry':
          return { ...b, expireTime: null }
        default:
          return b
      }
    }
    fc.assert(
      fc.property(fc.array(fc.array(change, { minLength: 120, maxLength: 120 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 5 }), (generations, added) => {
        replaceBackups(db, 'c1', Array.from({ length: 120 }, (_, i) => backup(i)))
        search.refresh('c1')
        for (const [g, hows] of generations.entries()) {
          const next = hows.map((how, i) => changed(backup(i), how)).filter((b): b is Backup => b !== null)
          const created = Array.from({ length: added }, (_, i) => backup(1000 + g * 10 + i))
          replaceBackups(db, 'c1', [...next, ...created])
          search.refresh('c1')
          for (const text of ['backup', 'renamed', 'orders-1', 'x']) {
            const query = { search: text, sort: { by: 'createTime' as const, dir: 'desc' as const }, offset: 0, limit: 1000 }
            const fromSql = listBackups(db, { ...query, connectionId: 'c1' })
            const fromMemory = search.search('c1', query)
            expect(fromMemory.items.map((b) => [b.backupId, b.status, b.size, b.expireTime])).toEqual(fromSql.items.map((b) => [b.backupId, b.status, b.size, b.expireTime]))
            expect(search.search('c1', { ...query, status: 'DELETED' }).total).toBe(listBackups(db, { ...query, status: 'DELETED', connectionId: 'c1' }).total)
            expect(search.search('c1', { ...query, sort: { by: 'size', dir: 'asc' } }).items.map((b) => b.backupId))
              .toEqual(listBackups(db, { ...query, sort: { by: 'size', dir: 'asc' }, connectionId: 'c1' }).items.map((b) => b.backupId))
          }
        }
      }),
      { numRuns: 40, seed: 20261126 }
    )
    replaceBackups(db, 'c1', Array.from({ length: 400 }, (_, i) => backup(i)))
  })
})
