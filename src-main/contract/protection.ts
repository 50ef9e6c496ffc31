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

export type AchievedRpo = {
  /** Longest gap between consecutive good backups within the period; null with fewer than two to compare. */
  longestGapMs: number | null
  /** Time since the newest good backup; null when there is none. */
  currentGapMs: number | null
}

/**
 * The achieved RPO over [nowMs − periodMs, nowMs]. `goodTimesMs` are creation times of backups that were ever
 * AVAILABLE (expired and deleted ones included), ascending; one before the period may be given, and the gap
 * from it counts only from the period's start, since what happened earlier is outside the period.
 */
export function achievedRpo(goodTimesMs: readonly number[], nowMs: number, periodMs = RPO_PERIOD_MS): AchievedRpo {
  const start = nowMs - periodMs
  let longest: number | null = null
  let previous: number | null = null
  for (const t of goodTimesMs) {
    if (t > nowMs) break
    if (previous !== null && t >= start) {
      const gap = t - Math.max(previous, start)
      if (longest === null || gap > longest) longest = gap
    }
    previous = t
  }
  return { longestGapMs: longest, currentGapMs: previous === null ? null : nowMs - previous }
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
