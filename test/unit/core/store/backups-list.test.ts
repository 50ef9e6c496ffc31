import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backup } from '#contract/models/backup'
import { listBackups, type ListBackupsQuery } from '#core/store/backups.repo'
import type { StoreDatabase } from '#core/store/database'
import { addConnection } from '#core/store/connections.repo'
import { replaceBackups } from '#core/store/mirror.repo'
import { CONNECTION_ID, makeBackups, makeTempDir, openWithConnection } from './store-fixtures.ts'

let db: StoreDatabase
let cleanup: () => void
const rows = makeBackups(1000, { clusters: 7 }).map((b, i) =>
  i === 3 ? { ...b, backupName: 'Nightly 50%_done' } : i === 4 ? { ...b, backupName: 'nightly 50x done' } : b
)

beforeAll(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  db = openWithConnection(join(temp.dir, 'store.db'))
  replaceBackups(db, CONNECTION_ID, rows)
})
afterAll(() => {
  db.close()
  cleanup()
})

/** The meaning listBackups must have, written the slow, obvious way. */
function reference(filter: (b: Backup) => boolean, key: (b: Backup) => string | number, dir: 'asc' | 'desc'): string[] {
  const sign = dir === 'asc' ? 1 : -1
  return rows
    .filter(filter)
    .sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      if (ka !== kb) return (ka < kb ? -1 : 1) * sign
      return (a.backupId < b.backupId ? -1 : 1) * sign
    })
    .map((b) => b.backupId)
}

function allIds(query: Omit<ListBackupsQuery, 'offset' | 'limit'>): string[] {
  const ids: string[] = []
  for (let offset = 0; ; offset += 37) {
    const page = listBackups(db, { ...query, offset, limit: 37 })
    ids.push(...page.items.map((b) => b.backupId))
    if (page.items.length < 37) return ids
  }
}

describe('listBackups', () => {
  it('pages through a filtered, sorted list with no gaps or repeats', () => {
    const expected = reference((b) => b.clusterId === 'in01-3' && b.status === 'AVAILABLE', (b) => b.size, 'desc')
    expect(allIds({ clusterId: 'in01-3', status: 'AVAILABLE', sort: { by: 'size', dir: 'desc' } })).toEqual(expected)
    expect(listBackups(db, { clusterId: 'in01-3', status: 'AVAILABLE', offset: 0, limit: 5 }).total).toBe(expected.length)
  })

  it.each([
    ['createTime', (b: Backup) => Date.parse(b.createTime)],
    ['backupName', (b: Backup) => b.backupName.toLowerCase()],
    ['clusterName', (b: Backup) => b.clusterName.toLowerCase()],
    ['status', (b: Backup) => b.status]
  ] as const)('sorts by %s both ways', (by, key) => {
    for (const dir of ['asc', 'desc'] as const) {
      expect(allIds({ creationMethod: 'MANUAL', sort: { by, dir } })).toEqual(
        reference((b) => b.creationMethod === 'MANUAL', key, dir)
      )
    }
  })

  it('sorts backups kept until deleted after every dated expiry', () => {
    const asc = listBackups(db, { sort: { by: 'expireTime', dir: 'asc' }, offset: 995, limit: 5 }).items
    expect(asc.every((b) => b.expireTime === null)).toBe(true)
    const desc = listBackups(db, { sort: { by: 'expireTime', dir: 'desc' }, offset: 0, limit: 5 }).items
    expect(desc.every((b) => b.expireTime === null)).toBe(true)
  })

  it('searches backup name, cluster name and backup ID case-insensitively, wildcards taken literally', () => {
    expect(listBackups(db, { search: 'NIGHTLY 50%', offset: 0, limit: 10 }).items.map((b) => b.backupName)).toEqual([
      'Nightly 50%_done'
    ])
    expect(listBackups(db, { search: 'cluster 6', offset: 0, limit: 1 }).total).toBe(rows.filter((b) => b.clusterName === 'Cluster 6').length)
    expect(listBackups(db, { search: 'b-000999', offset: 0, limit: 10 }).items.map((b) => b.backupId)).toEqual(['b-000999'])
    expect(listBackups(db, { search: 'B-00099', projectId: 'proj-0', backupType: 'CLUSTER', offset: 0, limit: 10 }).items
      .every((b) => b.projectId === 'proj-0' && b.backupType === 'CLUSTER' && b.backupId.startsWith('b-00099'))).toBe(true)
  })

  it('round-trips every field of a backup', () => {
    const [first] = listBackups(db, { search: 'b-000010', offset: 0, limit: 1 }).items
    expect(first).toEqual({ ...rows[10], createTime: new Date(rows[10]!.createTime).toISOString() })
  })

  it('refuses bad input with a clear message and changes nothing', () => {
    expect(() => listBackups(db, { offset: -1, limit: 10 })).toThrow(expect.objectContaining({ code: 'input/invalid', message: expect.stringMatching(/offset/) as unknown }))
    expect(() => listBackups(db, { offset: 0, limit: 0 })).toThrow(/limit/)
    expect(() => listBackups(db, { offset: 0, limit: 10, sort: { by: 'color' as 'size', dir: 'asc' } })).toThrow(/sort\.by/)
    expect(listBackups(db, { offset: 0, limit: 1 }).total).toBe(1000)
  })

  it("counts the one stored connection's whole list as every cached backup", () => {
    expect(listBackups(db, { connectionId: CONNECTION_ID, offset: 0, limit: 1 }).total).toBe(1000)
    expect(listBackups(db, { connectionId: 'conn-unknown', offset: 0, limit: 1 }).total).toBe(0)
  })
})

describe('listBackups, two connections', () => {
  it("counts a connection's whole list as its own backups only, with other connections stored and after a change", () => {
    const temp = makeTempDir()
    const two = openWithConnection(join(temp.dir, 'two.db'))
    try {
      addConnection(two, { id: 'conn-2', name: 'Staging', baseUrl: 'https://api.cloud.zilliz.com' })
      addConnection(two, { id: 'conn-0', name: 'Empty', baseUrl: 'https://api.cloud.zilliz.com' })
      replaceBackups(two, CONNECTION_ID, makeBackups(120, { tag: 'p', connectionId: CONNECTION_ID }))
      replaceBackups(two, 'conn-2', makeBackups(45, { tag: 's', connectionId: 'conn-2' }))
      const total = (connectionId?: string): number => listBackups(two, { connectionId, offset: 0, limit: 1 }).total
      expect([total(CONNECTION_ID), total('conn-2'), total('conn-0'), total()]).toEqual([120, 45, 0, 165])
      // The page itself holds the connection's own backups only.
      expect(listBackups(two, { connectionId: 'conn-2', offset: 0, limit: 100 }).items.every((b) => b.connectionId === 'conn-2')).toBe(true)
      replaceBackups(two, 'conn-2', makeBackups(7, { tag: 's', connectionId: 'conn-2' }))
      expect([total(CONNECTION_ID), total('conn-2')]).toEqual([120, 7])
      // With a filter beside the connection, the count is the filter's.
      expect(listBackups(two, { connectionId: CONNECTION_ID, clusterId: 'in01-1', offset: 0, limit: 1 }).total).toBe(6)
    } finally {
      two.close()
      temp.cleanup()
    }
  })
})
