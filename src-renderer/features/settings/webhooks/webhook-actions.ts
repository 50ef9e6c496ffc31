import type { Webhook } from '#contract/models/webhook'
import { toasts } from '../../../lib/state/toasts.svelte.ts'
import ConfirmDialog from '../../../lib/ui/ConfirmDialog.svelte'
import { errorMessage } from '../../../lib/ui/handle-error.ts'
import { modalManager } from '../../../lib/ui/modal-manager.svelte.ts'
import type { WebhooksState } from './webhooks-state.svelte.ts'

type ConfirmProps = {
  title: string
  message: string
  confirmLabel: string
  isDestructive?: boolean
  onClose: (result?: boolean) => void
}

/** Asks first (the keychain entry and the undelivered messages go too), then removes the destination. */
export async function removeWebhook(webhooks: WebhooksState, webhook: Webhook): Promise<void> {
  // Typed here because type-aware lint cannot see a .svelte component's props from a .ts file.
  const isConfirmed = await modalManager.open<ConfirmProps>(ConfirmDialog, {
    title: `Remove ${webhook.name}?`,
    message: 'Backup Desk stops sending notices there, deletes the URL from the keychain, and drops its undelivered messages and its delivery log.',
    confirmLabel: 'Remove destination',
    isDestructive: true
  })
  if (isConfirmed !== true) return
  const result = await webhooks.remove(webhook.id)
  if (result.ok) toasts.success(`Destination “${webhook.name}” removed`)
  else toasts.error(errorMessage(result.error))
}
