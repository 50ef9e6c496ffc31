import type { BackupPolicy } from '#contract/models/policy'
import { longestGap, parseFrequency, parseWindow } from '#contract/policy-rules'
import { weekdayShort } from './policy-text.ts'

export type Coverage = {
  /** Fewest and most automatic backups alive at once, over a week. */
  minKept: number
  maxKept: number
  /** Longest time between two consecutive automatic backups, in days, and where it falls. */
  longestGapDays: number
  gapFrom: number
  gapTo: number
  /** Retention shorter than the longest gap leaves stretches with no automatic backup at all. */
  hasUncoveredStretch: boolean
}

/**
 * What a policy keeps, assuming every run succeeds: a backup made on day d lives `retentionDays`
 * days, so just after day d's run the backups of days d-R+1 … d are alive.
 */
export function coverage(policy: BackupPolicy): Coverage | null {
  if (!policy.enabled) return null
  const days = parseFrequency(policy.frequency)
  const retention = policy.retentionDays
  if (days.length === 0 || parseWindow(policy.startTime) === null || !Number.isInteger(retention) || retention < 1) return null
  const set = new Set(days)
  let minKept = Number.POSITIVE_INFINITY
  let maxKept = 0
  for (let weekday = 1; weekday <= 7; weekday++) {
    let kept = 0
    for (let back = 0; back < retention; back++) {
      if (set.has(wrapWeekday(weekday - back))) kept += 1
    }
    minKept = Math.min(minKept, kept)
    maxKept = Math.max(maxKept, kept)
  }
  const gap = longestGap(policy.frequency)
  if (gap === null) return null
  return { minKept, maxKept, longestGapDays: gap.days, gapFrom: gap.from, gapTo: gap.to, hasUncoveredStretch: retention < gap.days }
}

function wrapWeekday(day: number): number {
  return ((((day - 1) % 7) + 7) % 7) + 1
}

/** `about 9 backups kept at any time` / `between 2 and 3 backups kept at any time`. */
export function keptText(c: Coverage): string {
  if (c.minKept === c.maxKept) return `about ${c.maxKept} ${c.maxKept === 1 ? 'backup' : 'backups'} kept at any time`
  return `between ${c.minKept} and ${c.maxKept} backups kept at any time`
}

/** `longest gap: 3 days (Fri → Mon)`. */
export function gapText(c: Coverage): string {
  const unit = c.longestGapDays === 1 ? 'day' : 'days'
  return `longest gap: ${c.longestGapDays} ${unit} (${weekdayShort(c.gapFrom)} → ${weekdayShort(c.gapTo)})`
}
