import type { Draft } from '#contract/models/draft'
import type { MergeChoice, MergeField } from '#contract/policy-merge'
import type { CoreClient } from '../core-client/core-client.ts'
import type { DraftsState } from '../state/drafts.svelte.ts'
import { toasts } from '../state/toasts.svelte.ts'
import ConfirmDialog from '../ui/ConfirmDialog.svelte'
import { handleError } from '../ui/handle-error.ts'
import { modalManager } from '../ui/modal-manager.svelte.ts'

type ConfirmProps = {
  title: string
  message: string
  details?: string[]
  confirmLabel: string
  isDestructive?: boolean
  onClose: (result?: boolean) => void
}

/** Typed here because type-aware lint cannot see a .svelte component's props from a .ts file. */
async function confirm(props: Omit<ConfirmProps, 'onClose'>): Promise<boolean> {
  const result = await modalManager.open<ConfirmProps>(ConfirmDialog, props)
  return result === true
}

/** Pushes drafts; each ends synced, conflict or failed, shown on its card. */
export async function pushDrafts(core: CoreClient, drafts: DraftsState, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const result = await drafts.whileBusy(ids, () => core.invoke('draft/push', { draftIds: ids }))
  if (!result.ok) {
    handleError(result.error, ids.length === 1 ? 'Could not push the draft' : 'Could not push the drafts')
    await drafts.load()
    return
  }
  drafts.applyResults(result.value)
  const synced = result.value.filter((r) => r.state === 'synced').length
  const conflicts = result.value.filter((r) => r.state === 'conflict').length
  const failed = result.value.filter((r) => r.state === 'failed').length
  // Detached drafts (and ones still waiting for the network) keep their state: "not sent", never "pushed".
  const notSent = result.value.length - synced - conflicts - failed
  if (synced === result.value.length) toasts.success(synced === 1 ? 'Draft pushed' : `${synced} drafts pushed`, 'Zilliz Cloud accepted the new policy.')
  else
    toasts.show(
      'warning',
      'Some drafts were not pushed',
      [synced > 0 ? `${synced} synced` : '', conflicts > 0 ? `${conflicts} in conflict` : '', failed > 0 ? `${failed} failed` : '', notSent > 0 ? `${notSent} not sent` : '']
        .filter((s) => s !== '')
        .join(', ')
    )
  drafts.selected = drafts.selected.filter((id) => !ids.includes(id))
  await drafts.load()
}

/** Saves a draft's policy as a JSON file (a draft whose organization or cluster is gone can still be kept). */
export function exportDraft(draft: Draft, clusterName: string): void {
  const content = JSON.stringify({ cluster: clusterName, clusterId: draft.clusterId, policy: draft.policy, basePolicy: draft.basePolicy, savedAt: draft.updatedAt }, null, 2)
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `backup-policy-draft-${clusterName.replace(/[^\w.-]+/g, '_')}.json`
  link.click()
  URL.revokeObjectURL(url)
  toasts.success('Draft exported', `Saved as ${link.download}.`)
}

/** Discards a draft after a confirmation naming what is lost. */
export async function discardDraft(core: CoreClient, drafts: DraftsState, draft: Draft, clusterName: string): Promise<void> {
  const isConfirmed = await confirm({
    title: 'Discard this draft?',
    message: `Your unpushed policy for ${clusterName} will be deleted.`,
    details: ['The policy on Zilliz Cloud stays as it is.'],
    confirmLabel: 'Discard draft',
    isDestructive: true
  })
  if (!isConfirmed) return
  const result = await drafts.whileBusy([draft.id], () => core.invoke('draft/discard', { id: draft.id }))
  if (!result.ok) handleError(result.error, 'Could not discard the draft')
  else toasts.success('Draft discarded')
  await drafts.load()
}

/**
 * Settles a conflict. Choices: the draft is rebased on the current remote with the three-way merge, each field
 * changed on both sides taking the side chosen; it still needs a push. Take remote: the draft is discarded
 * (confirmed first, since the admin's edits are lost).
 */
export async function resolveConflict(
  core: CoreClient,
  drafts: DraftsState,
  draft: Draft,
  resolution: 'take-remote' | { choices: Partial<Record<MergeField, MergeChoice>> },
  clusterName: string
): Promise<void> {
  if (resolution === 'take-remote') {
    const isConfirmed = await confirm({
      title: 'Take the remote policy?',
      message: `Your draft for ${clusterName} will be discarded and the policy on Zilliz Cloud kept.`,
      confirmLabel: 'Take remote',
      isDestructive: true
    })
    if (!isConfirmed) return
  }
  const input = resolution === 'take-remote' ? { id: draft.id, resolution } : { id: draft.id, resolution: 'choose' as const, choices: resolution.choices }
  const result = await drafts.whileBusy([draft.id], () => core.invoke('draft/resolve', input))
  if (!result.ok) handleError(result.error, 'Could not resolve the conflict')
  else if (resolution !== 'take-remote') toasts.success('Draft merged', 'It is now based on the current remote policy, with your choices. Push it to apply it.')
  else toasts.success('Remote policy kept', 'Your draft was discarded.')
  await drafts.load()
}
