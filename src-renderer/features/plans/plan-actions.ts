import type { Plan, PlanApplyResult, PlanChange } from '#contract/models/plan'
import type { CoreClient } from '../../lib/core-client/core-client.ts'
import { toasts } from '../../lib/state/toasts.svelte.ts'
import { handleError } from '../../lib/ui/handle-error.ts'
import { modalManager } from '../../lib/ui/modal-manager.svelte.ts'
import ChangePoliciesDialog from './ChangePoliciesDialog.svelte'
import ChooseTemplateDialog from './ChooseTemplateDialog.svelte'
import ReviewChangesDialog from './ReviewChangesDialog.svelte'
import { clustersText } from './plan-labels.ts'

type ReviewProps = { planId: string; plan?: Plan | null; onClose: (result?: PlanApplyResult[]) => void }
type ChooseProps = { clusterCount: number; onClose: (result?: string) => void }
type FieldsChange = Extract<PlanChange, { kind: 'fields' }>
type ChangeProps = { clusterCount: number; onClose: (result?: FieldsChange) => void }

/**
 * Opens "Review changes" on a plan, given whole or by id (a plan made from a policy file). Resolves with the
 * per-cluster results once something was applied or saved as drafts; undefined when the admin cancelled.
 */
export async function reviewPlan(plan: Plan | { id: string }): Promise<PlanApplyResult[] | undefined> {
  const results = await modalManager.open<ReviewProps>(ReviewChangesDialog, { planId: plan.id, plan: 'items' in plan ? plan : null })
  if (results !== undefined) announce(results)
  return results
}

/**
 * Builds the plan for a change (nothing is sent) and opens its review. `connectionId`: whose clusters the ids are
 * (two connections can list the same cluster id, and the core refuses to guess).
 */
export async function planAndReview(core: CoreClient, clusterIds: readonly string[], change: PlanChange, connectionId: string | undefined): Promise<PlanApplyResult[] | undefined> {
  const plan = await core.invoke('plan/create', { clusterIds: [...clusterIds], change, connectionId })
  if (!plan.ok) {
    handleError(plan.error, 'Could not build the plan')
    return undefined
  }
  return reviewPlan(plan.value)
}

/** "Apply template…": choose a template, then review what it changes on each selected cluster. */
export async function applyTemplateTo(core: CoreClient, clusterIds: readonly string[], connectionId: string | undefined): Promise<PlanApplyResult[] | undefined> {
  const templateId = await modalManager.open<ChooseProps>(ChooseTemplateDialog, { clusterCount: clusterIds.length })
  return templateId === undefined ? undefined : planAndReview(core, clusterIds, { kind: 'template', templateId }, connectionId)
}

/** "Change policies…": field edits (retention, weekdays, window, on/off), then their review. */
export async function changePoliciesOf(core: CoreClient, clusterIds: readonly string[], connectionId: string | undefined): Promise<PlanApplyResult[] | undefined> {
  const change = await modalManager.open<ChangeProps>(ChangePoliciesDialog, { clusterCount: clusterIds.length })
  return change === undefined ? undefined : planAndReview(core, clusterIds, change, connectionId)
}

function announce(results: readonly PlanApplyResult[]): void {
  const count = (state: PlanApplyResult['state']): number => results.filter((r) => r.state === state).length
  const parts = [
    `${count('applied')} applied`,
    count('queued') > 0 ? `${count('queued')} queued as drafts` : null,
    count('conflict') > 0 ? `${count('conflict')} in conflict` : null,
    count('failed') > 0 ? `${count('failed')} failed` : null
  ].filter((p) => p !== null)
  const message = `${parts.join(', ')} (${clustersText(results.length)})`
  if (count('failed') > 0 || count('conflict') > 0) toasts.show('warning', 'Some changes did not go through', message)
  else toasts.success('Changes done', message)
}
