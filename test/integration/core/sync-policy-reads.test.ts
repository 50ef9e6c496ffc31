import { describe, expect, it } from 'vitest'
import type { ApiLimits } from '#core/api/limits'
import { MAX_POLICY_READS_IN_FLIGHT } from '#core/sync/policy-reads'
import { countOf, FAST_LIMITS, startConnected, stopAfterEach, type SyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'

const POLICY_READ = 'GET /v2/clusters/{clusterId}/backups/policy'
const CLUSTERS = 100
/** 25 policy reads a second: the 100 reads of a sync take 4 s. */
const PACED: Partial<ApiLimits> = { ...FAST_LIMITS, perSecond: 25, burst: 1 }
/**
 * 20 reads a second and a 2.5 s deadline per operation: the 100 reads take 5 s, twice the deadline, so reads asked
 * for all at once would wait at the limiter past it; bounded, each waits at most 16 ÷ 20 s there, leaving 1.7 s for
 * its round trip on a loaded machine.
 */
const PACED_TIGHT: Partial<ApiLimits> = { ...PACED, perSecond: 20, operationTimeoutMs: 2_500 }

const stopLater = stopAfterEach()

async function setUp(limits: Partial<ApiLimits>): Promise<SyncedDemo> {
  return stopLater(await startConnected({ seed: `large:${CLUSTERS}:1`, rateLimit: 100_000 }, { limits }))
}

describe('policy reads of a large fleet', () => {
  it('a sync whose paced policy reads take longer than one operation deadline still reads every policy', async () => {
    const { emulator, core } = await setUp(PACED_TIGHT)
    // Joins the first sync that connection/add started: every cluster is new, so every policy is read.
    const result = expectOk(await core.invoke('sync/run', {}))
    expect(result.policies).toBe(CLUSTERS)
    expect(countOf(emulator, POLICY_READ)).toBe(CLUSTERS)
    // The next sync prefetches all mirrored clusters' policies at its start: bounded the same way.
    expect(expectOk(await core.invoke('sync/run', {})).policies).toBe(CLUSTERS)
    expect(countOf(emulator, POLICY_READ)).toBe(2 * CLUSTERS)
  }, 30_000)

  it('a sync that fails never sends the policy reads still waiting for their turn', async () => {
    const { emulator, core } = await setUp(PACED)
    expectOk(await core.invoke('sync/run', {}))
    const before = countOf(emulator, POLICY_READ)
    // The next sync prefetches every mirrored policy, then its cluster list is refused.
    emulator.injectFault({ pathRegex: '^/v2/clusters$', method: 'GET', kind: 'http-error', status: 400, times: 1 })
    expectError(await core.invoke('sync/run', {}))
    // A sync after it reads every policy once more; the failed one sent at most the reads it had already let go.
    expectOk(await core.invoke('sync/run', {}))
    const sent = countOf(emulator, POLICY_READ) - before
    expect(sent).toBeGreaterThanOrEqual(CLUSTERS)
    expect(sent).toBeLessThanOrEqual(CLUSTERS + MAX_POLICY_READS_IN_FLIGHT)
  }, 30_000)
})
