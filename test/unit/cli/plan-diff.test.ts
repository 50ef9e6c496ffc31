import { describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import { fieldChanges } from '../../../src-main/cli/format/plan-diff.ts'

const daily: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [] }
const off: BackupPolicy = { enabled: false, frequency: '', startTime: '', retentionDays: 0 }

describe('the CLI plan diff, in the policy file field names', () => {
  it('lists only the fields that differ, before → after', () => {
    expect(fieldChanges(daily, { ...daily, retentionDays: 14 })).toEqual(['retentionDays: 7 → 14'])
    expect(fieldChanges(daily, daily)).toEqual([])
  })

  it('shows a switched-off side as enabled only, its schedule as —', () => {
    expect(fieldChanges(daily, off)).toEqual(['enabled: true → false', 'frequency: 1,2,3,4,5,6,7 → —', 'startTime: 02:00-04:00 → —', 'retentionDays: 7 → —', 'crossRegionCopies: none → —'])
  })

  it('compares cross-region copies whatever their order, and treats no list as none', () => {
    const a = { ...daily, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 7 }, { regionId: 'aws-eu-west-1', retentionDays: 3 }] }
    const b = { ...daily, crossRegionCopies: [{ regionId: 'aws-eu-west-1', retentionDays: 3 }, { regionId: 'aws-us-east-1', retentionDays: 7 }] }
    expect(fieldChanges(a, b)).toEqual([])
    expect(fieldChanges({ ...daily, crossRegionCopies: undefined }, daily)).toEqual([])
    expect(fieldChanges(daily, a)).toEqual(['crossRegionCopies: none → aws-eu-west-1 3d, aws-us-east-1 7d'])
  })

  it('says a policy never read is not read', () => {
    expect(fieldChanges(null, daily)[0]).toBe('enabled: (not read) → true')
  })
})
