import type { Plan } from '#contract/models/plan'
import { isSkippedNotAsWanted, templatesToSave } from '#contract/plan-rules'

/*
 * What a plan amounts to, for the exit codes of `backup-desk plan|apply` and for summaries (docs/policy-files.md):
 * whether applying it changes anything, and whether anything keeps the fleet from matching the file.
 */

export type PlanOutcome = {
  change: number
  same: number
  skip: number
  invalid: number
  /** Skipped clusters whose policy differs from the file's (`isSkippedNotAsWanted`): not in sync. */
  blocked: number
  /** The file's templates that applying creates or replaces. */
  templates: number
}

export function planOutcome(plan: Plan): PlanOutcome {
  const outcome: PlanOutcome = { change: 0, same: 0, skip: 0, invalid: 0, blocked: 0, templates: 0 }
  for (const item of plan.items) {
    outcome[item.verdict] += 1
    if (isSkippedNotAsWanted(item)) outcome.blocked += 1
  }
  outcome.templates = templatesToSave(plan.templates).length
  return outcome
}
