import { ManualClock } from '#core/lib/clock'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { expectOk } from './envelope.ts'
import { LockstepClocks } from './lockstep-clocks.ts'
import { createTestCore, type TestCore } from './test-core.ts'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 2, 2)
export const DAILY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 30 }

export type TwoOrganizations = {
  core: TestCore
  clocks: LockstepClocks
  /** The organization whose backup jobs take 30 hours, so its daily windows are missed. */
  slow: RunningEmulator
  fast: RunningEmulator
  slowId: string
  fastId: string
  /** The cluster id both organizations list. */
  clusterId: string
  /** Both organizations sync once a day after the window's deadline (04:00 + 2 h grace), for `days` days from MONDAY. */
  syncDaily(days: number): Promise<void>
  close(): Promise<void>
}

/**
 * Two organizations whose emulators list the SAME cluster id (the same organization added twice, or an emulator
 * run again), each with a daily policy, on one manual clock from MONDAY. In the first, backup jobs take 30 hours,
 * so its windows are missed (Zilliz skips a window while the previous AUTO backup still runs, emulator README,
 * Inferred choice 11); the second is protected.
 */
export async function startTwoOrganizationsSharingAClusterId(): Promise<TwoOrganizations> {
  const options = { seed: 'empty', clockMode: 'manual', startTime: MONDAY, rateLimit: 10_000 } as const
  const slow = await startEmulator({ ...options, jobDurationMs: 30 * HOUR })
  const fast = await startEmulator(options)
  const clock = new ManualClock(MONDAY)
  const core = createTestCore({ clock })
  const close = async (): Promise<void> => {
    await core.close()
    await slow.close()
    await fast.close()
  }
  try {
    const clusterId = slow.createCluster({ clusterName: 'orders-nightly' }).clusterId
    if (fast.createCluster({ clusterName: 'orders-nightly' }).clusterId !== clusterId) throw new Error('the two emulators gave different cluster ids')
    await core.start()
    const clocks = new LockstepClocks([slow, fast], clock)
    const slowId = expectOk(await core.invoke('connection/add', { name: 'Slow org', baseUrl: slow.url, apiKey: slow.apiKey })).id
    const fastId = expectOk(await core.invoke('connection/add', { name: 'Fast org', baseUrl: fast.url, apiKey: fast.apiKey })).id
    for (const connectionId of [slowId, fastId]) {
      expectOk(await core.invoke('sync/run', { connectionId }))
      // Both organizations list the id: policy/apply names whose cluster it means.
      expectOk(await core.invoke('policy/apply', { clusterId, connectionId, policy: DAILY }))
    }
    const syncDaily = async (days: number): Promise<void> => {
      for (let day = 0; day < days; day++) {
        clocks.moveTo(MONDAY + day * DAY + 7 * HOUR, core.scheduler)
        for (const connectionId of [slowId, fastId]) expectOk(await core.invoke('sync/run', { connectionId }))
      }
    }
    return { core, clocks, slow, fast, slowId, fastId, clusterId, syncDaily, close }
  } catch (error) {
    await close()
    throw error
  }
}
