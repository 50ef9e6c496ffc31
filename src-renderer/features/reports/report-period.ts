/** The Reports dialog's period: local calendar days, from the start of `from` to the end of `to`. */
export type PeriodDraft = { from: string; to: string }

const DAY_MS = 86_400_000
const YMD = /^\d{4}-\d{2}-\d{2}$/

/** `YYYY-MM-DD` of a local day. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The last `days` local days up to today. */
export function lastDays(days: number, nowMs: number): PeriodDraft {
  return { from: localDay(nowMs - (days - 1) * DAY_MS), to: localDay(nowMs) }
}

function startOfLocalDay(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number)
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1).getTime()
}

/** The period as the contract wants it (ISO instants, `to` exclusive), or the message of what is wrong. */
export function periodInput(draft: PeriodDraft): { from: string; to: string } | { issue: string } {
  if (!YMD.test(draft.from) || !YMD.test(draft.to)) return { issue: 'Enter both days.' }
  const fromMs = startOfLocalDay(draft.from)
  // The day after `to`, at its local midnight (a DST day is 23 or 25 hours long).
  const [y, m, d] = draft.to.split('-').map(Number)
  const toMs = new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1).getTime()
  if (toMs <= fromMs) return { issue: 'The last day must not be before the first.' }
  if (toMs - fromMs > 3650 * DAY_MS) return { issue: 'A report spans at most ten years.' }
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() }
}
