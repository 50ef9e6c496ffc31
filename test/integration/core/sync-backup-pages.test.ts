import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { FAST_LIMITS, DEMO_START, backupRows, connect, listedBackupIds, staleFlags } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  // 4 clusters × 120 backups: the organization's list is 5 pages of 100.
  emulator = await startEmulator({ seed: 'large:4:120', clockMode: 'manual', startTime: DEMO_START, rateLimit: 1000 })
  core = createTestCore({ limits: FAST_LIMITS })
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

const stagedRows = (): number => (core.db.sqlite.prepare('SELECT count(*) AS n FROM temp.backup_staging').get() as { n: number }).n

describe('the backup list of a sync, stored page by page', () => {
  it('a sync whose backup listing fails on page 3 keeps the previous cache whole, says it failed, and the next sync lists everything', async () => {
    const connectionId = await connect(core, emulator)
    expect(expectOk(await core.invoke('sync/run', {})).backups).toBe(480)
    const before = backupRows(core.db)
    // A day later the list has changed (new automatic backups): a torn cache would mix both days.
    emulator.advance(86_400_000)
    expect(listedBackupIds(emulator)).not.toEqual((before as { backup_id: string }[]).map((r) => r.backup_id).sort())
    emulator.injectFault({ path: '/v2/backups', method: 'GET', query: { currentPage: '3' }, kind: 'http-error', status: 500, times: 1000 })

    const error = expectError(await core.invoke('sync/run', {}))
    expect(error.code).toMatch(/^api\//)
    expect(backupRows(core.db)).toEqual(before)
    expect(staleFlags(core.db, connectionId)?.backups).toBe(1)
    const [status] = expectOk(await core.invoke('sync/status', {}))
    expect(status?.failure).not.toBeNull()
    expect(stagedRows()).toBe(0)

    emulator.clearFaults()
    const result = expectOk(await core.invoke('sync/run', {}))
    const listed = listedBackupIds(emulator)
    expect(result.backups).toBe(listed.length)
    expect((backupRows(core.db) as { backup_id: string }[]).map((r) => r.backup_id).sort()).toEqual(listed)
    expect(staleFlags(core.db, connectionId)?.backups).toBe(0)
    expect(stagedRows()).toBe(0)
  })
})
