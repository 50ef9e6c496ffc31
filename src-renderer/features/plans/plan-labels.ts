import type { PlanApplyState, PlanItem, PlanVerdict } from '#contract/models/plan'
import { countNoun } from '../../lib/policy/policy-text.ts'
import type { BadgeTone } from '../../lib/ui/StatusBadge.svelte'

/** A verdict in words; the colour of its badge only repeats it. */
export const VERDICT_LABELS: Record<PlanVerdict, { label: string; tone: BadgeTone }> = {
  change: { label: 'Will change', tone: 'info' },
  same: { label: 'Already as wanted', tone: 'neutral' },
  skip: { label: 'Skipped', tone: 'neutral' },
  invalid: { label: 'Invalid', tone: 'critical' }
}

export const RESULT_LABELS: Record<PlanApplyState, { label: string; tone: BadgeTone }> = {
  applied: { label: 'Applied', tone: 'ok' },
  unchanged: { label: 'Unchanged', tone: 'neutral' },
  conflict: { label: 'Conflict', tone: 'critical' },
  failed: { label: 'Failed', tone: 'critical' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  queued: { label: 'Queued as draft', tone: 'info' }
}

/** Why an item is skipped or invalid, with the field at fault and, from a policy file, its line. */
export function itemReason(item: PlanItem): string | null {
  if (item.reason === undefined) return null
  // A file's entry is named by the file's own field (e.g. `id`), not the plan's (`clusterId`).
  const field = item.source?.field ?? item.field
  const where = [field === undefined ? null : `field ${field}`, item.source === undefined ? null : `line ${item.source.line}`].filter((p) => p !== null)
  return where.length === 0 ? item.reason : `${item.reason} (${where.join(', ')})`
}

/** What a result means for the admin, beyond its one word. */
export function resultDetail(state: PlanApplyState, error: string | undefined): string | null {
  switch (state) {
    case 'conflict':
      return 'Changed on Zilliz Cloud since the plan was made: not overwritten. Review it in Drafts.'
    case 'failed':
      return error ?? 'Zilliz Cloud refused the policy.'
    case 'queued':
      return 'Saved as a draft; pushed after the next successful sync.'
    case 'applied':
    case 'unchanged':
    case 'skipped':
      return error ?? null
  }
}

export function clustersText(count: number): string {
  return countNoun(count, 'cluster')
}
