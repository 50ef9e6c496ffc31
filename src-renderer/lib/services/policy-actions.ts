import type { PolicyEditorState } from '../state/policy-editor.svelte.ts'
import { toasts } from '../state/toasts.svelte.ts'
import { handleError } from '../ui/handle-error.ts'

/** Saves the editor's policy as the cluster's draft (works offline). */
export async function saveDraft(editor: PolicyEditorState): Promise<void> {
  const error = await editor.saveDraft()
  if (error !== null) handleError(error, 'Could not save the draft')
  else toasts.success('Draft saved', 'It waits in Drafts until you push it.')
}

/** Applies the editor's policy at once; the outcome is shown inline by the editor, errors also as a toast. */
export async function applyPolicy(editor: PolicyEditorState): Promise<void> {
  const error = await editor.apply()
  if (error !== null) handleError(error, 'Could not apply the policy')
  else if (editor.outcome?.kind === 'synced') toasts.success('Policy applied', 'Zilliz Cloud confirmed the new policy.')
}
