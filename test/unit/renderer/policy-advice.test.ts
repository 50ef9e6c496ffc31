import { describe, expect, it } from 'vitest'
import type { PlanItem } from '#contract/models/plan'
import { adviceCountText, countAdvice, planItemAdvice } from '../../../src-renderer/lib/policy/policy-advice.ts'
import { countNoun } from '../../../src-renderer/lib/policy/policy-text.ts'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const OFF = { enabled: false, frequency: '', startTime: '', retentionDays: 0 }
const NIGHTLY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }

function item(verdict: PlanItem['verdict'], after: PlanItem['after'], more: Partial<PlanItem> = {}): PlanItem {
  return { clusterId: 'in01-a', clusterName: 'orders', connectionId: 'c1', projectName: 'Production', regionId: 'aws-us-west-2', verdict, before: NIGHTLY, after, ...more }
}

describe('policy advice on the items of a review', () => {
  it('lints the policy a change would set: switching off a production cluster is a warning', () => {
    expect(planItemAdvice(item('change', OFF), null, NOW, []).map((f) => [f.ruleId, f.severity])).toEqual([['disabled-on-prod', 'warning']])
  })

  it('lints a skipped item that has a target policy: a copy on Azure is an error, shown first', () => {
    const withCopy = { ...NIGHTLY, crossRegionCopies: [{ regionId: 'az-westeurope', retentionDays: 3 }] }
    const findings = planItemAdvice(item('skip', withCopy, { regionId: 'az-eastus' }), null, NOW, [])
    expect(findings[0]).toMatchObject({ ruleId: 'copy-on-azure', severity: 'error' })
  })

  it('says nothing on unchanged or invalid items, or on a cluster not known here', () => {
    expect(planItemAdvice(item('same', OFF), null, NOW, [])).toEqual([])
    expect(planItemAdvice(item('invalid', OFF), null, NOW, [])).toEqual([])
    const { regionId: _unknown, ...unknown } = item('change', OFF)
    expect(planItemAdvice(unknown, null, NOW, [])).toEqual([])
  })

  it('leaves out the rules switched off in Settings, and reads production from the connection tag', () => {
    expect(planItemAdvice(item('change', OFF), null, NOW, ['disabled-on-prod'])).toEqual([])
    const staging = item('change', OFF, { projectName: 'Staging' })
    expect(planItemAdvice(staging, null, NOW, [])).toEqual([])
    expect(planItemAdvice(staging, 'prod', NOW, []).map((f) => f.ruleId)).toEqual(['disabled-on-prod'])
  })

  it('counts findings by severity in words, with singular and plural nouns', () => {
    const e = { ruleId: 'copy-on-azure', severity: 'error', message: '' } as const
    const w = { ruleId: 'disabled-on-prod', severity: 'warning', message: '' } as const
    const i = { ruleId: 'no-copy-on-prod', severity: 'info', message: '' } as const
    expect(adviceCountText(countAdvice([[e], [w, i], [i]]))).toBe('1 error, 1 warning, 2 notes')
    expect(adviceCountText(countAdvice([[w], [w]]))).toBe('2 warnings')
    expect(adviceCountText(countAdvice([[], []]))).toBe('')
  })
})

describe('countNoun', () => {
  it('pluralises by the count, with an irregular plural when given', () => {
    expect([countNoun(1, 'cluster'), countNoun(0, 'cluster'), countNoun(3, 'cluster'), countNoun(2, 'copy', 'copies')]).toEqual(['1 cluster', '0 clusters', '3 clusters', '2 copies'])
  })
})
