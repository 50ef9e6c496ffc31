import { describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import { isSkippedNotAsWanted } from '#contract/plan-rules'
import { applyFields, countStartsBackups, OPEN_DRAFT_REASON, planItem, type PlanContext } from '#core/plan/plan-items'
import type { PlanCluster } from '#core/store/plan.query'

const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const OFF: BackupPolicy = { enabled: false, frequency: '', startTime: '', retentionDays: 0 }

function cluster(over: Partial<PlanCluster> = {}): Omit<PlanCluster, 'policy'> {
  return { clusterId: 'in01-a', clusterName: 'orders', projectId: 'p1', connectionId: 'c1', regionId: 'aws-us-west-2',
    deployment: 'Dedicated', status: 'RUNNING', projectName: 'Production', ...over }
}

function context(c: Omit<PlanCluster, 'policy'> | undefined, policy: BackupPolicy | null, openDraft = false): PlanContext {
  return { clusterOf: () => (c === undefined ? undefined : { ...c, policy }), hasOpenDraft: () => openDraft }
}

const to = (policy: BackupPolicy) => ({ clusterId: 'in01-a', after: () => policy })

describe('plan verdicts', () => {
  it('skips a cluster that is not RUNNING, naming its status', () => {
    const item = planItem(to(DAILY), context(cluster({ status: 'RESUMING' }), OFF))
    expect(item).toMatchObject({ verdict: 'skip', reason: 'The cluster is RESUMING, not RUNNING.' })
  })

  it('skips a cluster whose policy was never read rather than guessing its base', () => {
    expect(planItem(to(DAILY), context(cluster(), null))).toMatchObject({ verdict: 'skip', before: null, reason: 'Its policy has not been read yet: sync first.' })
  })

  it('marks an unknown cluster invalid on clusterId instead of failing the whole plan', () => {
    expect(planItem(to(DAILY), context(undefined, null))).toMatchObject({ verdict: 'invalid', field: 'clusterId', clusterName: 'in01-a' })
  })

  it('refuses copies to another cloud provider as invalid on crossRegionCopies', () => {
    const withGcpCopy = { ...DAILY, crossRegionCopies: [{ regionId: 'gcp-us-west1', retentionDays: 3 }] }
    expect(planItem(to(withGcpCopy), context(cluster(), DAILY))).toMatchObject({ verdict: 'invalid', field: 'crossRegionCopies' })
  })

  it('skips a cluster with an open draft but keeps the target, so a difference held back shows and counts as not in sync', () => {
    const held = planItem(to({ ...DAILY, retentionDays: 21 }), context(cluster(), DAILY, true))
    expect(held).toMatchObject({ verdict: 'skip', reason: OPEN_DRAFT_REASON, before: DAILY, after: { ...DAILY, retentionDays: 21 } })
    expect(isSkippedNotAsWanted(held)).toBe(true)
    expect(isSkippedNotAsWanted(planItem(to(DAILY), context(cluster(), DAILY, true)))).toBe(false)
    expect(OPEN_DRAFT_REASON).toContain("push or discard it in the app's Drafts view")
  })

  it('names the connection that lists an id the plan\'s connection does not, instead of calling it unknown', () => {
    const ctx: PlanContext = { ...context(undefined, null), listedElsewhere: () => ({ named: 'Org A', listing: ['Org B'] }) }
    expect(planItem(to(DAILY), ctx)).toMatchObject({
      verdict: 'invalid', field: 'clusterId', reason: 'in01-a is in Org B, not Org A: run with --connection "Org B" (in the app, open the Fleet of Org B).'
    })
  })

  it('calls two policies that differ only in weekday order the same', () => {
    expect(planItem(to({ ...DAILY, frequency: '7,6,5,4,3,2,1' }), context(cluster(), DAILY)).verdict).toBe('same')
  })

  it('counts only changes that turn a policy on as starting a backup', () => {
    const on = planItem(to(DAILY), context(cluster(), OFF))
    const longer = planItem(to({ ...DAILY, retentionDays: 21 }), context(cluster(), DAILY))
    const off = planItem(to(OFF), context(cluster(), DAILY))
    expect([on.verdict, longer.verdict, off.verdict]).toEqual(['change', 'change', 'change'])
    expect(countStartsBackups([on, longer, off])).toBe(1)
  })
})

describe('field edits', () => {
  it('adds and removes weekdays on the current set, sorted', () => {
    const next = applyFields({ kind: 'fields', addDays: [7, 1], removeDays: [3] }, { ...DAILY, frequency: '2,3,5' })
    expect(next.frequency).toBe('1,2,5,7')
    expect(next.retentionDays).toBe(7)
  })

  it('enabling a policy that was never set leaves it invalid on frequency', () => {
    const item = planItem({ clusterId: 'in01-a', after: (b) => applyFields({ kind: 'fields', enabled: true }, b) }, context(cluster(), OFF))
    expect(item).toMatchObject({ verdict: 'invalid', field: 'frequency', reason: 'Choose at least one weekday.' })
  })
})
