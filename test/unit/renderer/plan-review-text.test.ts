import { describe, expect, test } from 'vitest'
import { diffSides, planSummaryText } from '../../../src-renderer/features/plans/plan-review-text.ts'

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
