import { describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import { describeDrift, driftFields, driftFieldsText } from '#contract/drift-rules'

const TEMPLATE: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 21 }

describe('drift from a template', () => {
  it('words a shorter retention and a missing Sunday, remote value first', () => {
    const remote = { ...TEMPLATE, frequency: '1,2,3,4,5,6', retentionDays: 7 }
    expect(driftFields(TEMPLATE, remote)).toEqual(['frequency', 'retentionDays'])
    expect(describeDrift('prod-daily', TEMPLATE, remote)).toBe('Drifted from prod-daily: Sunday missing, retention 7 ≠ 21')
  })

  it('reports a disabled remote as one difference, whatever its other fields hold', () => {
    const remote: BackupPolicy = { enabled: false, frequency: '', startTime: '', retentionDays: 0 }
    expect(driftFields(TEMPLATE, remote)).toEqual(['enabled'])
    expect(describeDrift('prod-daily', TEMPLATE, remote)).toBe('Drifted from prod-daily: automatic backups off')
  })

  it('sees no drift when only the weekday or copy order differs', () => {
    const copies = [{ regionId: 'aws-us-east-1', retentionDays: 3 }, { regionId: 'aws-eu-central-1', retentionDays: 3 }]
    const template = { ...TEMPLATE, crossRegionCopies: copies }
    const remote = { ...TEMPLATE, frequency: '7,1,2,3,4,5,6', crossRegionCopies: [...copies].reverse() }
    expect(describeDrift('prod-daily', template, remote)).toBeNull()
  })

  it('names extra weekdays and a moved window', () => {
    const template = { ...TEMPLATE, frequency: '1,3,5' }
    expect(describeDrift('mwf', template, { ...template, frequency: '1,2,3,5', startTime: '03:00-05:00' })).toBe('Drifted from mwf: Tuesday extra, window 03:00-05:00 ≠ 02:00-04:00')
  })

  it('words the field names that lists carry, keeping an unknown one as it is', () => {
    expect(driftFieldsText(['startTime', 'retentionDays', 'crossRegionCopies'])).toBe('window, retention, cross-region copies')
    expect(driftFieldsText(['enabled', 'frequency', 'somethingNew'])).toBe('on/off, weekdays, somethingNew')
  })
})
