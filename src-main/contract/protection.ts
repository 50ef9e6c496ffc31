/*
 * Protection figures, free of zod so the renderer, the core's cluster summaries and the compliance report
 * share them. The class of a cluster is derived from THE health (src-main/core/fleet/health.ts), never from
 * a second rule.
 */
import type { HealthCause, HealthLevel } from './health.ts'

export const PROTECTION_CLASSES = ['protected', 'at-risk', 'unprotected', 'not-eligible'] as const
export type ProtectionClass = (typeof PROTECTION_CLASSES)[number]

export const PROTECTION_CLASS_LABELS: Record<ProtectionClass, string> = {
  protected: 'protected',
  'at-risk': 'at risk',
  unprotected: 'unprotected',
  'not-eligible': 'not eligible'
}

/**
 * ok → protected; failing → unprotected; Free/Serverless → not eligible; everything in between (warning,
 * first backup still running, policy not read yet) → at risk: none of it proves a restorable point as promised.
 */
export function protectionClassOf(level: HealthLevel, cause: HealthCause): ProtectionClass {
  if (cause === 'not-eligible') return 'not-eligible'
  if (level === 'ok') return 'protected'
  if (level === 'failing') return 'unprotected'
  return 'at-risk'
}

export const RPO_PERIOD_MS = 30 * 24 * 3_600_000
const DAY_MS = 24 * 3_600_000

export type AchievedRpo = {
  /**
   * The achieved RPO over the counted time: the worst of its closed gaps and the open one (from the newest good
   * backup to `nowMs`), so 13 days without a good backup read 13 days, not the daily gap before them. Null when the
   * counted time is empty (the cluster is not known yet, or known only from `nowMs`).
   */
  rpoMs: number | null
  /** Longest gap between consecutive good backups within the counted time; null with fewer than two to compare. */
  longestClosedGapMs: number | null
  /** Time since the newest good backup, however old; null when there is none. */
  currentGapMs: number | null
  /** Start of the counted time: the later of the period's start and since when the cluster's backups are known. */
  fromMs: number
  /** How long the counted time is (nowMs − fromMs): the full period once the cluster is known that long. */
  watchedMs: number
}

/**
 * The achieved RPO counts only time the app could have seen. Zilliz's List Backups forgets a backup once it
 * expires, so before the first sync the history is blind: a MANUAL backup from 28 days ago (kept until deleted)
 * and the oldest daily still listed would read as a 21-day gap that never was. So the counted time is
 * [max(nowMs − periodMs, knownSinceMs), nowMs], where `knownSinceMs` is since when every good backup of the
 * cluster was in a list the app read (schema 14, store/cluster-watch.repo.ts: the first sync, or the oldest AUTO
 * backup it listed); null (never fully synced) counts nothing. `goodTimesMs` are creation times of backups that
 * were ever AVAILABLE (expired and deleted ones included), ascending; one before the counted time may be given,
 * and the gap from it counts only from the counted time's start. The RPO is the worst of those gaps and the open
 * one (`withOpenGap`). The core's figure is this function over each cluster's good backups of the period and the
 * newest one before it (core/store/protection.query.ts `goodBackupGaps`; a property test holds the two equal).
 */
export function achievedRpo(goodTimesMs: readonly number[], nowMs: number, knownSinceMs: number | null, periodMs = RPO_PERIOD_MS): AchievedRpo {
  const start = rpoCountedFrom(nowMs - periodMs, nowMs, knownSinceMs)
  let longest: number | null = null
  let previous: number | null = null
  for (const t of goodTimesMs) {
    if (t > nowMs) break
    if (previous !== null && t >= start && knownSinceMs !== null) {
      const gap = t - Math.max(previous, start)
      if (longest === null || gap > longest) longest = gap
    }
    previous = t
  }
  return {
    rpoMs: withOpenGap(longest, previous, start, nowMs),
    longestClosedGapMs: longest,
    currentGapMs: previous === null ? null : nowMs - previous,
    fromMs: start,
    watchedMs: nowMs - start
  }
}

/**
 * The achieved RPO from the longest closed gap of the counted time [startMs, nowMs] and the newest good backup
 * (null: none up to `nowMs`): the worse of that gap and the open one, which, like a closed gap from a backup before
 * the counted time, runs only from the counted time's start. So a cluster with no good backup in the counted time
 * (none at all, or only older ones) has the whole counted time as its RPO; an empty counted time has none (null).
 */
export function withOpenGap(longestClosedGapMs: number | null, newestGoodMs: number | null, startMs: number, nowMs: number): number | null {
  if (startMs >= nowMs) return null
  const open = nowMs - Math.max(newestGoodMs ?? startMs, startMs)
  return longestClosedGapMs === null ? open : Math.max(longestClosedGapMs, open)
}

/**
 * The RPO a cluster of `protectionClass` shows: none for one that cannot be backed up (not eligible), whose open gap
 * would grow with every day it is watched; else the achieved one. The Fleet's figures and the report's rows alike.
 */
export function shownRpo(protectionClass: ProtectionClass, rpoMs: number | null): number | null {
  return protectionClass === 'not-eligible' ? null : rpoMs
}

/**
 * Where the counted time of [fromMs, toMs] starts for a cluster known since `knownSinceMs`: the later of the two
 * starts, never after `toMs`; a cluster not known yet (null) counts nothing, so its counted time is empty (`toMs`).
 */
export function rpoCountedFrom(fromMs: number, toMs: number, knownSinceMs: number | null): number {
  return knownSinceMs === null ? toMs : Math.min(toMs, Math.max(fromMs, knownSinceMs))
}

/** How long the RPO is counted over at `nowMs` for a cluster known since `knownSince` (ISO; null: not yet). */
export function watchedMs(knownSince: string | null, nowMs: number, periodMs = RPO_PERIOD_MS): number {
  return knownSince === null ? 0 : Math.min(periodMs, Math.max(0, nowMs - Date.parse(knownSince)))
}

/**
 * What the RPO was counted over: "30 days" (the full period), or "5 d 22 h watched" / "40 h watched" when shorter,
 * by the gap's own rule (`formatGap`), so the span said is never shorter than an RPO counted over it.
 */
export function rpoSpanText(watchedMs: number, periodMs = RPO_PERIOD_MS): string {
  if (watchedMs < periodMs) return `${formatGap(watchedMs)} watched`
  const days = Math.floor(periodMs / DAY_MS)
  return `${String(days)} ${days === 1 ? 'day' : 'days'}`
}

/** The achieved RPO as every display shows it: "1 d 2 h", or "1 d 2 h over the 12 days watched" when shorter. */
export function rpoText(rpoMs: number | null, watchedMs: number, periodMs = RPO_PERIOD_MS): string {
  if (rpoMs === null || watchedMs >= periodMs) return formatGap(rpoMs)
  return `${formatGap(rpoMs)} over the ${rpoSpanText(watchedMs, periodMs)}`
}

/**
 * The same, short enough for the Fleet row's Newest backup cell at 1280 px (test/e2e/ui/fleet.spec.ts): "1 d 2 h",
 * or "1 d 2 h over 12 d" when the counted time is shorter. Shown beside `rpoText`'s words for screen readers and
 * the tooltip, never instead of them.
 */
export function rpoShortText(rpoMs: number | null, watchedMs: number, periodMs = RPO_PERIOD_MS): string {
  if (rpoMs === null || watchedMs >= periodMs) return formatGap(rpoMs)
  // Whole days from two days on, rounded up: rounded down, "5 d 22 h over 5 d" would say the RPO outlasts its span.
  return `${formatGap(rpoMs)} over ${watchedMs < 2 * DAY_MS ? formatGap(watchedMs) : `${String(Math.ceil(watchedMs / DAY_MS))} d`}`
}

/** "3 d 4 h", "5 h", "40 min": gaps as an admin reads them. */
export function formatGap(ms: number | null): string {
  if (ms === null) return '—'
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h`
  const days = Math.floor(hours / 24)
  const rest = hours % 24
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`
}
