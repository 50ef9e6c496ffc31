/*
 * Cluster health levels and causes, free of zod so that the renderer can rank and word them without the
 * schema library. The core derives them in ONE place (src-main/core/fleet/health.ts); everything that shows
 * a health (Fleet row, cluster details, organization dot, tray) reads that result.
 */

/**
 * ok: protected as the policy promises. pending: neutral, the policy was just enabled and its first backup is
 * on its way. warning: protection degraded or not verifiable. failing: not protected. unknown: not eligible
 * for backups (Free, Serverless) or not read yet.
 */
export const HEALTH_LEVELS = ['ok', 'pending', 'warning', 'failing', 'unknown'] as const
export type HealthLevel = (typeof HEALTH_LEVELS)[number]

/** Why a cluster has its level: stable codes that other features map to their own classes. */
export const HEALTH_CAUSES = [
  'not-eligible',
  'not-read',
  'cluster-not-running',
  'first-backup-running',
  'no-backup',
  'missed',
  'backup-too-old',
  'failed-backup-job',
  'stuck-backup',
  'failed-job',
  'missed-unverified',
  'policy-disabled',
  'protected'
] as const
export type HealthCause = (typeof HEALTH_CAUSES)[number]

/** How bad a level is, for "worst of": unknown ranks lowest, so that ineligible clusters never colour a summary. */
const RANK: Record<HealthLevel, number> = { unknown: 0, ok: 1, pending: 2, warning: 3, failing: 4 }

/** The worst level of several (an organization's dot, the tray); `unknown` when there is nothing to judge. */
export function worstHealth(levels: Iterable<HealthLevel>): HealthLevel {
  let worst: HealthLevel = 'unknown'
  for (const level of levels) if (RANK[level] > RANK[worst]) worst = level
  return worst
}
