import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Cluster } from '#contract/models/cluster'
import type { BackupPolicy } from '#contract/models/policy'
import { judgeClusters, judgeSituations } from '#core/fleet/fleet-health'
import type { ClusterSituation } from '#core/fleet/health'

const HOUR = 3_600_000
const NOW = Date.UTC(2025, 5, 11, 12, 0)
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const instant = fc.option(fc.integer({ min: -20 * 24 * 60, max: 60 }).map((minutes) => NOW + minutes * 60_000), { nil: null })
const situation: fc.Arbitrary<ClusterSituation> = fc.record({
  deployment: fc.constantFrom('Dedicated' as const, 'Serverless' as const),
  status: fc.constantFrom('RUNNING', 'CREATING'),
  policy: fc.constantFrom(DAILY, null),
  enabledAtMs: instant,
  newestGoodMs: instant,
  creatingSinceMs: instant,
  lastFailedJob: fc.constant(null),
  lastMissedMs: instant,
  lastUnverifiedMs: instant,
  firstBackupNotStartedMs: instant
})

const clusterOf = (i: number): Cluster =>
  ({ clusterId: `in01-${i}`, clusterName: `c${i}`, connectionId: 'conn-1', projectId: 'p', regionId: 'aws-us-west-2', plan: 'Standard', deployment: 'Dedicated', status: 'RUNNING', cuType: '', cuSize: 1, createTime: '' })

describe('the health of the clusters a Fleet read asks (judgeClusters)', () => {
  it('is, for each asked cluster with a situation, what the whole judgement says of it, keyed by cluster ID; one without a situation is absent', () => {
    fc.assert(
      fc.property(fc.array(fc.option(situation, { nil: undefined }), { minLength: 1, maxLength: 6 }), fc.integer({ min: -48, max: 48 }), (known, hours) => {
        const clusters = known.map((_, i) => clusterOf(i))
        const situations = new Map(known.flatMap((s, i) => (s === undefined ? [] : [[`in01-${i}`, s] as const])))
        const nowMs = NOW + hours * HOUR
        const whole = judgeSituations({ stuckLimitMs: 6 * HOUR, fleets: new Map([['conn-1', { rows: { clusters, policies: new Map() }, situations }]]) }, nowMs)
        const expected = new Map([...whole.entries.values()].map((entry) => [entry.clusterId, entry]))
        expect(judgeClusters(situations, clusters, 6 * HOUR, nowMs)).toEqual(expected)
      })
    )
  })
})
