import type { OrganizationRef } from '#contract/models/organization'
import { zonedParts } from '#contract/time'

type TimelineBase = { clusterId: string; clusterName: string; start: string; organization?: OrganizationRef | undefined }

export type TimelineItem =
  | (TimelineBase & { kind: 'window'; end: string })
  | (TimelineBase & { kind: 'expiry'; backupId: string; backupName: string; isNewest: boolean })

export type TimelineDay = { key: string; label: string; items: TimelineItem[] }

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Items sorted by start and grouped by the local calendar day they start on (`Monday 6 Jul`, `Today`, `Tomorrow`). */
export function groupByLocalDay(items: readonly TimelineItem[], timeZone: string, nowMs: number): TimelineDay[] {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start))
  const today = dayKey(nowMs, timeZone)
  const tomorrow = dayKey(nowMs + 86_400_000, timeZone)
  const days = new Map<string, TimelineDay>()
  for (const item of sorted) {
    const ms = Date.parse(item.start)
    if (Number.isNaN(ms)) continue
    const key = dayKey(ms, timeZone)
    let day = days.get(key)
    if (day === undefined) {
      const p = zonedParts(ms, timeZone)
      const weekday = WEEKDAY_NAMES[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? ''
      const date = `${weekday} ${p.day} ${MONTHS[p.month - 1] ?? ''}`
      const label = key === today ? `Today · ${date}` : key === tomorrow ? `Tomorrow · ${date}` : date
      day = { key, label, items: [] }
      days.set(key, day)
    }
    day.items.push(item)
  }
  return [...days.values()]
}

function dayKey(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}
