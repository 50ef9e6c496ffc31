import { describe, expect, it } from 'vitest'
import { startEmulator } from '#emulator/index'
import { connect, listedBackupIds, startConnected, stopAfterEach } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'

const stopLater = stopAfterEach()

const NEWEST_FIRST = { by: 'createTime', dir: 'desc' } as const

describe('searching the cached backups', () => {
  it('follows each sync: a backup a colleague deleted in the console is no longer found, the others still are', async () => {
    const { emulator, core } = stopLater(await startConnected({ seed: 'large:3:4', rateLimit: 100_000 }))
    expectOk(await core.invoke('sync/run', {}))
    const all = expectOk(await core.invoke('backup/list', { sort: NEWEST_FIRST, offset: 0, limit: 100 }))
    expect(all.total).toBe(listedBackupIds(emulator).length)
    const [gone, kept] = all.items
    if (gone === undefined || kept === undefined) throw new Error('the seed lists at least two backups')
    const search = (text: string) => core.invoke('backup/list', { search: text, sort: NEWEST_FIRST, offset: 0, limit: 100 })
    // Part of the ID, in another case: the whole backup comes back, as the list shows it.
    expect(expectOk(await search(gone.backupId.slice(2).toUpperCase()))).toEqual({ total: 1, items: [gone] })

    const response = await fetch(`${emulator.url}/v2/clusters/${gone.clusterId}/backups/${gone.backupId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${emulator.apiKey}` }
    })
    expect(response.status).toBe(200)
    expectOk(await core.invoke('sync/run', {}))
    expect(expectOk(await search(gone.backupId))).toEqual({ total: 0, items: [] })
    expect(expectOk(await search(kept.backupId))).toEqual({ total: 1, items: [kept] })
  })

  it('drops a removed connection\'s backups from the index at once, the other connection\'s stay searchable', async () => {
    const kept = await startEmulator({ seed: 'large:2:3', rateLimit: 100_000 })
    const { emulator, core, connectionId: removedId } = stopLater(await startConnected({ seed: 'large:3:4', rateLimit: 100_000 }))
    try {
      const keptId = await connect(core, kept, 'Kept org')
      expectOk(await core.invoke('sync/run', { connectionId: removedId }))
      expectOk(await core.invoke('sync/run', { connectionId: keptId }))
      const search = (connectionId: string) =>
        core.invoke('backup/list', { connectionId, search: 'backup', sort: NEWEST_FIRST, offset: 0, limit: 1 })
      const keptTotal = expectOk(await search(keptId)).total
      expect(expectOk(await search(removedId)).total).toBe(listedBackupIds(emulator).length)
      expect(core.indexedBackups().get(removedId)).toBe(listedBackupIds(emulator).length)

      expectOk(await core.invoke('connection/remove', { id: removedId, drafts: 'delete' }))
      expect(core.indexedBackups().has(removedId)).toBe(false)
      expect(core.db.sqlite.prepare('SELECT count(*) AS n FROM backups WHERE connection_id = ?').get(removedId)).toEqual({ n: 0 })
      expect(expectOk(await search(keptId)).total).toBe(keptTotal)
      expect(core.indexedBackups().get(keptId)).toBe(listedBackupIds(kept).length)
    } finally {
      await kept.close()
    }
  })
})
