import type { Plan, PlanItem } from '#contract/models/plan'
import { policiesEqual } from '#contract/policy-rules'

/*
 * What a plan amounts to, for the exit codes of `backup-desk plan|apply` and for summaries (docs/policy-files.md):
 * whether applying it changes anything, and whether anything keeps the fleet from matching the file.
 */

export type PlanOutcome = {
  change: number
  same: number
  skip: number
  invalid: number
  /** Skipped clusters whose policy differs from the file's (an open draft holds them back): not in sync. */
  blocked: number
  /** The file's templates that applying creates or replaces. */
  templates: number
}

/** A skipped item whose target differs from the remote policy: the file and Zilliz Cloud disagree and apply cannot fix it. */
export function isBlockedChange(item: PlanItem): boolean {
  return item.verdict === 'skip' && item.before !== null && item.after !== null && !policiesEqual(item.before, item.after)
}

export function planOutcome(plan: Plan): PlanOutcome {
  const outcome: PlanOutcome = { change: 0, same: 0, skip: 0, invalid: 0, blocked: 0, templates: 0 }
  for (const item of plan.items) {
    outcome[item.verdict] += 1
    if (isBlockedChange(item)) outcome.blocked += 1
  }
  outcome.templates = (plan.templates ?? []).filter((t) => t.change === 'added' || t.change === 'changed').length
  return outcome
}
