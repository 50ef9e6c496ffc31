import { describe, expect, it } from 'vitest'
import { formatGap } from '#contract/protection'
import { complianceHtml } from '#core/report/compliance-html'
import type { ComplianceRow } from '#core/report/compliance-rows'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const TO = Date.UTC(2026, 10, 29)

const heading = (periodMs: number): Parameters<typeof complianceHtml>[1] => ({
  connectionName: 'Org A',
  fromIso: new Date(TO - periodMs).toISOString(),
  toIso: new Date(TO).toISOString(),
  generatedIso: '2026-11-29T14:50:00.000Z',
  scopeText: 'every cluster of the connection'
})

function row(achievedRpoMs: number | null, rpoWatchedMs: number): ComplianceRow {
  return {
    clusterId: 'in01-a', clusterName: 'ml-features', projectName: 'Default', regionId: 'aws-us-west-2', plan: 'Dedicated',
    policy: 'Every day · 02:00–04:00 UTC · 7 days', policyAsOf: new Date(TO).toISOString(), templateName: null, drift: [],
    protection: 'protected', achievedRpoMs, rpoFromMs: TO - rpoWatchedMs, rpoWatchedMs, restorablePoints: 3,
    newestGood: null, missedWindows: 0, failedWindows: 0, lint: [], currentAsOf: '2026-11-29T14:50:00.000Z'
  }
}

/** The achieved RPO cell's text (the fourth cell after the cluster and project). */
function rpoCell(html: string): string {
  const cells = [...html.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])
  return cells[0] ?? ''
}

/** "3 d 4 h", "40 h", "5 min" back to ms (the lower bound of what it says). */
function gapMs(text: string): number {
  let ms = 0
  for (const [, n, unit] of text.matchAll(/(\d+) (d|h|min)\b/g)) ms += Number(n) * (unit === 'd' ? DAY : unit === 'h' ? HOUR : MINUTE)
  return ms
}

describe('complianceHtml: the achieved RPO over a shorter watched span', () => {
  it('never names a span shorter than the RPO it shows: 40 h over 1 d 16 h watched reads "40 h over the 40 h watched", not "over the 1 day watched"', () => {
    const html = complianceHtml([row(40 * HOUR, 40 * HOUR)], heading(30 * DAY))
    expect(rpoCell(html)).toBe('40 h over the 40 h watched')
    expect(html).not.toContain('1 day watched')
  })

  it('names 5 d 22 h watched as such, not "5 days"', () => {
    expect(rpoCell(complianceHtml([row(24 * HOUR, 5 * DAY + 22 * HOUR)], heading(30 * DAY)))).toBe('24 h over the 5 d 22 h watched')
  })

  it('for every RPO up to the span, the span shown is at least the RPO shown (from minutes to weeks)', () => {
    const spans = [30 * MINUTE, 59 * MINUTE, 90 * MINUTE, 47 * HOUR + 59 * MINUTE, 48 * HOUR, 2 * DAY + 11 * HOUR, 2 * DAY + 13 * HOUR, 6 * DAY + 22 * HOUR, 29 * DAY + 23 * HOUR]
    for (const watched of spans) {
      for (const rpo of [watched, watched - 1, Math.floor(watched / 2)]) {
        const text = rpoCell(complianceHtml([row(rpo, watched)], heading(30 * DAY)))
        const [shown, span] = text.split(' over the ')
        expect(shown, text).toBe(formatGap(rpo))
        expect(gapMs((span ?? '').replace(' watched', '')), text).toBeGreaterThanOrEqual(gapMs(shown ?? ''))
      }
    }
  })

  it('over the whole period the cell is the RPO alone', () => {
    expect(rpoCell(complianceHtml([row(26 * HOUR, 7 * DAY)], heading(7 * DAY)))).toBe('26 h')
  })
})

describe('complianceHtml: which time each column is true for', () => {
  it('groups the columns under "Period … to …" and "Now (generated …)", and marks a policy the history does not know at the period end as now', () => {
    const html = complianceHtml([{ ...row(HOUR, 7 * DAY), policy: 'Disabled', policyAsOf: '2026-11-29T14:50:00.000Z' }], heading(7 * DAY))
    expect(html).toContain('Period 2026-11-22 00:00 UTC to 2026-11-29 00:00 UTC</th>')
    expect(html).toContain('Now (generated 2026-11-29 14:50 UTC)</th>')
    expect(html).toContain("<td>Disabled<br><small>now; not known at the period's end</small></td>")
  })
})
