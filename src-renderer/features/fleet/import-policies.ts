import type { PlanApplyResult } from '#contract/models/plan'
import type { CoreClient } from '../../lib/core-client/core-client.ts'
import { openTextFile } from '../../lib/services/open-file.ts'
import { handleError } from '../../lib/ui/handle-error.ts'
import { modalManager } from '../../lib/ui/modal-manager.svelte.ts'
import { reviewPlan } from '../plans/plan-actions.ts'
import ImportProblemsDialog from './ImportProblemsDialog.svelte'

type ProblemsProps = { fileName: string; problems: { line: number; field?: string; message: string }[]; onClose: () => void }

/**
 * Fleet → Import policies…: a policy file (docs/policy-files.md) becomes a plan in the core (policy/import-plan, the
 * same path as `backup-desk plan`), reviewed in "Review changes" like any fleet change. A file that cannot be read
 * as a whole lists its problems by line and field; nothing is changed. Resolves with the results once applied.
 */
export async function importPolicies(core: CoreClient, connectionId: string | undefined): Promise<PlanApplyResult[] | undefined> {
  const file = await openTextFile(core, ['yaml', 'json'])
  if (!file.opened) {
    if (file.error !== null) handleError(file.error, 'Could not open the file')
    return undefined
  }
  // The file's cluster ids mean the Fleet's connection's clusters (two connections can list the same id).
  const planned = await core.invoke('policy/import-plan', { text: file.text, connectionId })
  if (!planned.ok) {
    handleError(planned.error, 'Could not read the policy file')
    return undefined
  }
  const { plan, problems } = planned.value
  if (plan === null) {
    await modalManager.open<ProblemsProps>(ImportProblemsDialog, { fileName: file.name, problems })
    return undefined
  }
  return reviewPlan(plan)
}
