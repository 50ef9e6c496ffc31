import { describe, expect, it, test } from 'vitest'
import { isSkippedNotAsWanted, templatesToSave } from '#contract/plan-rules'
import { diffSides, planSummaryText, templateChangeText } from '../../../src-renderer/features/plans/plan-review-text.ts'

describe('the review of a plan says what is true before and after it is applied', () => {
  test('before the admin confirms, the left side is Zilliz Cloud now; once applied it is what was there before', () => {
    expect(diffSides(undefined)).toMatchObject({ before: 'Now on Zilliz Cloud', after: 'After' })
    expect(diffSides('applied')).toMatchObject({ before: 'Before', after: 'Now on Zilliz Cloud' })
    expect(diffSides('applied').caption('orders-prod')).toBe('Policy of orders-prod, before and after the change')
  })

  test('a result other than applied names the left side as it was when planned, never as now', () => {
    for (const state of ['conflict', 'failed', 'unchanged', 'skipped', 'queued'] as const) {
      expect(diffSides(state).before).toBe('On Zilliz Cloud when planned')
      expect(diffSides(state).after).not.toBe('Now on Zilliz Cloud')
    }
    expect(diffSides('queued').after).toBe('Draft')
  })

  test('the summary promises that nothing is sent only before anything was', () => {
    const counts = { change: 3, same: 1, skip: 0, invalid: 0 }
    expect(planSummaryText(counts, false)).toBe('3 clusters will change · 1 already as wanted · 0 skipped · 0 invalid. Nothing is sent until you confirm.')
    expect(planSummaryText(counts, true)).toBe('The plan: 3 clusters to change · 1 already as wanted · 0 skipped · 0 invalid.')
  })
})

describe('templateChangeText and templatesToSave: a policy file\'s templates in the review', () => {
  const DAILY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 15, crossRegionCopies: [] }

  it('lists only the templates applying saves: a new one and a replaced one, not an unchanged one', () => {
    const saved = templatesToSave([
      { name: 'new', policy: DAILY, change: 'added' },
      { name: 'same', policy: DAILY, change: 'unchanged' },
      { name: 'std', policy: DAILY, change: 'changed', before: { ...DAILY, retentionDays: 20 } }
    ])
    expect(saved.map((t) => t.name)).toEqual(['new', 'std'])
  })

  it('says a replaced template\'s differing fields and the assigned clusters not in the plan whose drift moves', () => {
    expect(templateChangeText({
      name: 'std', policy: { ...DAILY, retentionDays: 20 }, change: 'changed', before: DAILY,
      affects: [
        { clusterId: 'in01-1', clusterName: 'cluster-0001', connectionId: 'c', driftBefore: [], driftAfter: ['retentionDays'] },
        { clusterId: 'in01-3', clusterName: 'cluster-0003', connectionId: 'c', driftBefore: ['retentionDays'], driftAfter: [] }
      ]
    })).toBe('Replaces the template std (retention differs): the drift of 2 assigned clusters not in this plan moves: cluster-0001, cluster-0003.')
    expect(templateChangeText({ name: 'fresh', policy: DAILY, change: 'added' })).toBe('Saves the new template fresh.')
  })
})

describe('a skipped cluster whose policy is not the one wanted, in the summary', () => {
  const DAILY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 15, crossRegionCopies: [] }
  const skipped = { clusterId: 'in01-1', clusterName: 'orders', connectionId: 'c', projectName: 'P', verdict: 'skip' as const, reason: 'A draft is open' }

  it('counts as held back only when the wanted policy differs from Zilliz Cloud\'s, and the summary says so', () => {
    expect(isSkippedNotAsWanted({ ...skipped, before: DAILY, after: { ...DAILY, retentionDays: 21 } })).toBe(true)
    expect(isSkippedNotAsWanted({ ...skipped, before: DAILY, after: DAILY })).toBe(false)
    expect(isSkippedNotAsWanted({ ...skipped, before: null, after: null })).toBe(false)
    expect(planSummaryText({ change: 0, same: 4, skip: 1, invalid: 0, heldBack: 1 }, false))
      .toBe('0 clusters will change · 4 already as wanted · 1 skipped (1 not as wanted) · 0 invalid. Nothing is sent until you confirm.')
  })
})
