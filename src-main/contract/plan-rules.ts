import type { PlanItem, PlanTemplate } from './models/plan.ts'
import { policiesEqual } from './policy-rules.ts'

/*
 * How a plan is read, as plain functions free of zod: the core's counts and exit codes (core/plan/plan-outcome.ts),
 * the CLI's text (cli/format/plan-diff.ts) and the review dialog apply the same two rules.
 */

/** A policy file's templates that applying saves: new or replaced ones; an unchanged one is left as it is. */
export function templatesToSave(templates: readonly PlanTemplate[] | undefined): PlanTemplate[] {
  return (templates ?? []).filter((t) => t.change === 'added' || t.change === 'changed')
}

/**
 * A skipped item whose wanted policy differs from Zilliz Cloud's: an open draft holds it back, or what it asks is not
 * possible there, such as copies on Azure (core/plan/plan-items.ts; the item's reason says which). Applying the plan
 * cannot bring it in line: not in sync.
 */
export function isSkippedNotAsWanted(item: PlanItem): boolean {
  return item.verdict === 'skip' && item.before !== null && item.after !== null && !policiesEqual(item.before, item.after)
}
