import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '#emulator/index'
import { backupRows, startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { TestCore } from '../../fakes/test-core.ts'

let emulator: RunningEmulator
let core: TestCore
let clusterId: string
let backupId: string

beforeAll(async () => {
  ;({ emulator, core } = await startSyncedDemo())
  const backup = expectOk(await core.invoke('backup/list', { limit: 1 })).items[0]
  if (backup === undefined) throw new Error('the demo seed has no backups')
  clusterId = backup.clusterId
  backupId = backup.backupId
})

afterAll(() => stopSyncedDemo({ emulator, core }))

const totalRequests = (): number => Object.values(emulator.requestCounts()).reduce((a, b) => a + b, 0)

describe('IDs that would change the route', () => {
  it('refuses ".", ".." and encoded forms as backup or cluster IDs before any request, naming the field and keeping the cache', async () => {
    const before = totalRequests()
    const cached = backupRows(core.db)
    for (const bad of ['.', '..', '%2e%2e', './x', 'a/b']) {
      const answers = [
        ['backupId', await core.invoke('backup/delete', { clusterId, backupId: bad })],
        ['backupId', await core.invoke('backup/restore-cluster', { clusterId, backupId: bad, projectId: 'proj-1', clusterName: 'copy', cuSize: 1, collectionStatus: 'KEEP' })],
        ['backupId', await core.invoke('backup/export', { clusterId, backupId: bad, integrationId: 'integ-1' })],
        ['clusterId', await core.invoke('backup/delete', { clusterId: bad, backupId })],
        ['clusterId', await core.invoke('backup/create', { clusterId: bad })]
      ] as const
      for (const [field, answer] of answers) {
        expect(expectError(answer), `${field} ${bad}`).toMatchObject({ code: 'input/invalid', details: { field } })
      }
    }
    expect(totalRequests()).toBe(before)
    expect(backupRows(core.db)).toEqual(cached)
  })
})

describe('error messages', () => {
  // Markup and control characters fail the contract; the plain canary passes it and reaches the handlers.
  const canaries = ['<img src=x onerror=alert(1)>', 'zz\u202eCanary\u0000', 'zzCanary42']

  it('never echo a submitted ID, name or key, whatever the command', async () => {
    for (const canary of canaries) {
      const answers = [
        await core.invoke('connection/remove', { id: canary }),
        await core.invoke('connection/rename', { id: canary, name: 'Renamed' }),
        await core.invoke('connection/set-tag', { id: canary, tag: null }),
        await core.invoke('connection/update-key', { id: canary, apiKey: 'abcdefgh12345' }),
        await core.invoke('connection/activate', { id: canary }),
        await core.invoke('connection/test', { id: canary }),
        await core.invoke('draft/discard', { id: canary }),
        await core.invoke('draft/resolve', { id: canary, resolution: 'take-remote' }),
        await core.invoke('draft/push', { draftIds: [canary] }),
        await core.invoke('draft/save', { clusterId: canary, policy: { enabled: false, frequency: '', startTime: '', retentionDays: 1 } }),
        await core.invoke('policy/get', { clusterId: canary }),
        await core.invoke('policy/apply', { clusterId: canary, policy: { enabled: false, frequency: '', startTime: '', retentionDays: 1 } }),
        await core.invoke('backup/create', { clusterId: canary }),
        await core.invoke('backup/delete', { clusterId: canary, backupId: canary }),
        await core.invoke('backup/delete', { clusterId, backupId: canary }),
        await core.invoke('sync/run', { connectionId: canary }),
        await core.invoke('cluster/list', { connectionId: canary }),
        await core.invoke('backup/list', { connectionId: canary, search: 'x' }),
        await core.invoke(`app/${canary}`, {})
      ]
      for (const answer of answers) {
        const text = JSON.stringify(answer)
        expect(answer.ok, text).toBe(false)
        expect(text).not.toContain('Canary')
        expect(text).not.toContain('onerror')
      }
    }
  })
})
