import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '#core/lib/clock'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { expectOk } from '../../fakes/envelope.ts'
import { LockstepClocks } from '../../fakes/lockstep-clocks.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'
import { startReceiver, type Receiver } from '../../fakes/webhook-receiver.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)
const DAILY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 30 }

let running: { core: TestCore; emulators: RunningEmulator[]; receiver: Receiver } | null = null
afterEach(async () => {
  if (running === null) return
  await running.core.close()
  for (const emulator of running.emulators) await emulator.close()
  await running.receiver.close()
  running = null
})

/**
 * Two organizations whose emulators list the SAME cluster id (the same organization added twice, or an emulator run
 * again), each with a daily policy. In the first, backup jobs take 30 hours, so its windows are missed (Zilliz skips
 * a window while the previous AUTO backup still runs, emulator README, Inferred choice 11); the second is protected.
 * A daily digest destination without a connection filter covers both; both organizations sync each day after the
 * window's deadline (04:00 + 2 h grace), before the digest at 08:00.
 */
async function twoOrganizationsSharingAClusterId(): Promise<{ core: TestCore; clocks: LockstepClocks; receiver: Receiver; slowId: string; fastId: string; clusterId: string }> {
  const options = { seed: 'empty', clockMode: 'manual', startTime: MONDAY, rateLimit: 10_000 } as const
  const slow = await startEmulator({ ...options, jobDurationMs: 30 * HOUR })
  const fast = await startEmulator(options)
  const receiver = await startReceiver()
  const clock = new ManualClock(MONDAY)
  const core = createTestCore({ clock })
  running = { core, emulators: [slow, fast], receiver }
  const clusterId = slow.createCluster({ clusterName: 'orders-nightly' }).clusterId
  expect(fast.createCluster({ clusterName: 'orders-nightly' }).clusterId).toBe(clusterId)
  await core.start()
  const clocks = new LockstepClocks([slow, fast], clock)
  const slowId = expectOk(await core.invoke('connection/add', { name: 'Slow org', baseUrl: slow.url, apiKey: slow.apiKey })).id
  const fastId = expectOk(await core.invoke('connection/add', { name: 'Fast org', baseUrl: fast.url, apiKey: fast.apiKey })).id
  for (const connectionId of [slowId, fastId]) {
    expectOk(await core.invoke('sync/run', { connectionId }))
    expectOk(await core.invoke('connection/activate', { id: connectionId }))
    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
  }
  expectOk(await core.invoke('webhook/add', { name: 'Every organization', kind: 'json', url: receiver.url(), digestTime: '08:00' }))
  for (let day = 0; day < 3; day++) {
    clocks.moveTo(MONDAY + day * DAY + 7 * HOUR, core.scheduler)
    for (const connectionId of [slowId, fastId]) expectOk(await core.invoke('sync/run', { connectionId }))
  }
  return { core, clocks, receiver, slowId, fastId, clusterId }
}

type Digest = { kind: string; fleet: Record<string, number> }

describe('the health of every organization, when two list the same cluster id', () => {
  it('counts each organization’s cluster on its own: one failing and one ok, in the tray and in the daily digest', async () => {
    const { core, clocks, receiver, slowId, fastId, clusterId } = await twoOrganizationsSharingAClusterId()
    const healthIn = async (connectionId: string): Promise<string | undefined> =>
      expectOk(await core.invoke('cluster/list', { connectionId })).find((row) => row.clusterId === clusterId)?.health
    expect(await healthIn(slowId)).toBe('failing')
    expect(await healthIn(fastId)).toBe('ok')
    const organizations = expectOk(await core.invoke('sync/status', {}))
    expect(organizations.map((o) => [o.connectionId, o.health])).toEqual(expect.arrayContaining([[slowId, 'failing'], [fastId, 'ok']]))

    // The watcher's run at the digest time publishes the tray summary, and the digest goes out.
    clocks.moveTo(MONDAY + 2 * DAY + 8 * HOUR, core.scheduler)
    await core.flushWebhooks()
    expect(core.notifier.summary?.health).toMatchObject({ worst: 'failing', failing: 1, warning: 0 })
    const digests = receiver.requests.map((request) => request.json as Digest).filter((body) => body.kind === 'digest')
    expect(digests.at(-1)?.fleet).toMatchObject({ clusters: 2, failing: 1, ok: 1 })
  })
})
