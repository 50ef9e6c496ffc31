import { zonedParts } from '#contract/time'

/**
 * `compliance-acme-prod-2026-11-01-2026-11-30.csv`: the connection, then the first and the last local day the
 * period covers. The period's end is exclusive (the Reports dialog sends the midnight after its last day), so the
 * last day is that of the instant just before it: naming the end's own day put a day the report leaves out in
 * the name (test/unit/core/report/report-filename.test.ts).
 */
export function reportFilename(kind: string, connectionName: string, period: { fromMs: number; toMs: number }, ext: string, timeZone: string): string {
  const slug = connectionName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'connection'
  const lastMs = Math.max(period.fromMs, period.toMs - 1)
  return `${kind}-${slug}-${dayText(period.fromMs, timeZone)}-${dayText(lastMs, timeZone)}.${ext}`
}

function dayText(epochMs: number, timeZone: string): string {
  const { year, month, day } = zonedParts(epochMs, timeZone)
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
