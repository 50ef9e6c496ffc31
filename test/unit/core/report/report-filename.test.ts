import { describe, expect, it } from 'vitest'
import { reportFilename } from '#core/report/report-filename'

describe('reportFilename', () => {
  it('names the last day the period covers, not the day of its exclusive end (the midnight after)', () => {
    const period = { fromMs: Date.parse('2026-10-28T00:00:00Z'), toMs: Date.parse('2026-11-27T00:00:00Z') }
    expect(reportFilename('compliance', 'Acme prod', period, 'csv', 'UTC')).toBe('compliance-acme-prod-2026-10-28-2026-11-26.csv')
  })

  it("names the admin's local days: a Berlin period starts at 23:00 UTC of the day before", () => {
    const period = { fromMs: Date.parse('2026-10-31T23:00:00Z'), toMs: Date.parse('2026-11-30T23:00:00Z') }
    expect(reportFilename('policy-history', 'Acme prod', period, 'csv', 'Europe/Berlin')).toBe('policy-history-acme-prod-2026-11-01-2026-11-30.csv')
  })

  it('a period that ends mid-day names that day, and an empty one its only day', () => {
    const fromMs = Date.parse('2026-03-02T00:00:00Z')
    expect(reportFilename('compliance', 'X', { fromMs, toMs: Date.parse('2026-03-05T13:30:00Z') }, 'html', 'UTC')).toBe('compliance-x-2026-03-02-2026-03-05.html')
    expect(reportFilename('compliance', '!!!', { fromMs, toMs: fromMs }, 'csv', 'UTC')).toBe('compliance-connection-2026-03-02-2026-03-02.csv')
  })
})
