import { driftFields, driftFieldsText } from '#contract/drift-rules'
import type { PlanApplyState, PlanTemplate } from '#contract/models/plan'
import { countNoun } from '../../lib/policy/policy-text.ts'

// Svelte-free (plan-labels.ts takes a type from a component), so unit tests import it as plain TypeScript.

/**
 * The two sides of an item's policy diff, named for what they are at the time: before the admin confirms, Zilliz
 * Cloud's policy now and the one after the change; once a result came, the left side is no longer "now" (applied:
 * it is what was there before, and the right side is now on Zilliz Cloud; otherwise it is what was there when
 * the plan was made).
 */
export function diffSides(result: PlanApplyState | undefined): { before: string; after: string; caption: (clusterName: string) => string } {
  if (result === undefined) return { before: 'Now on Zilliz Cloud', after: 'After', caption: (name) => `Policy of ${name}, now and after the change` }
  if (result === 'applied') return { before: 'Before', after: 'Now on Zilliz Cloud', caption: (name) => `Policy of ${name}, before and after the change` }
  const after = result === 'queued' ? 'Draft' : 'Wanted'
  return { before: 'On Zilliz Cloud when planned', after, caption: (name) => `Policy of ${name} when the plan was made, and the one wanted` }
}

/**
 * The plan's counts, said before it is applied (what will happen) or after (what it proposed). `heldBack`: skipped
 * clusters whose policy is not the one wanted (`isSkippedNotAsWanted`, #contract/plan-rules), so "skipped" never reads as "in line".
 */
export function planSummaryText(counts: { change: number; same: number; skip: number; invalid: number; heldBack?: number }, hasApplied: boolean): string {
  const heldBack = counts.heldBack ?? 0
  const held = heldBack === 0 ? '' : ` (${String(heldBack)} not as wanted)`
  const rest = `${counts.same} already as wanted · ${counts.skip} skipped${held} · ${counts.invalid} invalid.`
  return hasApplied
    ? `The plan: ${countNoun(counts.change, 'cluster')} to change · ${rest}`
    : `${countNoun(counts.change, 'cluster')} will change · ${rest} Nothing is sent until you confirm.`
}

/**
 * What applying does to one of the file's templates: "Saves the new template std." or "Replaces the template std
 * (retention differs): the drift of 2 assigned clusters not in this plan moves: cluster-0001, cluster-0003."
 */
export function templateChangeText(template: PlanTemplate): string {
  if (template.change === 'added') return `Saves the new template ${template.name}.`
  const fields = template.before === undefined ? [] : driftFields(template.before, template.policy)
  const differs = fields.length === 0 ? '' : ` (${driftFieldsText(fields)} ${fields.length === 1 ? 'differs' : 'differ'})`
  const moved = template.affects ?? []
  const drift = moved.length === 0
    ? ''
    : `: the drift of ${countNoun(moved.length, 'assigned cluster')} not in this plan moves: ${moved.map((m) => m.clusterName).join(', ')}`
  return `Replaces the template ${template.name}${differs}${drift}.`
}
