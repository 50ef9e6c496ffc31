import type { ClusterSummary } from '#contract/commands/cluster'
import { formatLocalAndUtc } from '#contract/time'
import type { CoreClient } from '../core-client/core-client.ts'
import { toasts } from '../state/toasts.svelte.ts'
import { createdBackupFollowUp } from './created-backup-words.ts'
import { formatSize, localTimeZone } from '../ui/format.ts'
import { handleError } from '../ui/handle-error.ts'
import { modalManager } from '../ui/modal-manager.svelte.ts'
import { DIALOGS } from '../../sections.ts'

// Typed here because type-aware lint cannot see a .svelte component's props from a .ts file.
type ConfirmProps = { title: string; message: string; details?: string[]; confirmLabel: string; onClose: (result?: boolean) => void }

type Offer = NonNullable<ClusterSummary['protection']['keepCopy']>

/** The confirmation's words: what expires, what starts, what it costs and that it stays until deleted. */
function keepCopyWords(clusterName: string, offer: Offer): { message: string; details: string[] } {
  const expires = formatLocalAndUtc(offer.expireTime, localTimeZone()).text
  return {
    message: `Start a manual backup of ${clusterName} now? Its newest good backup, ${offer.backupName}, expires ${expires} and nothing newer is available or being made.`,
    details: [
      'A manual backup is kept until you delete it: it does not expire with the policy’s retention.',
      `Cost: Zilliz Cloud bills backup storage per GB every day it is kept (at least one day) — about ${formatSize(offer.size)} if it is the size of the newest backup — until you delete it.`
    ]
  }
}

/**
 * "Keep a copy now" (issue 16): confirms, then starts ONE manual backup of the whole cluster through the existing
 * create-backup intent (`backup/create`), so a retried or interrupted request never makes a second one.
 */
export async function keepCopyNow(core: CoreClient, cluster: Pick<ClusterSummary, 'clusterId' | 'clusterName'> & { connectionId: string | undefined }): Promise<boolean> {
  // Asked afresh: the offer holds only while the newest good backup is still the last one (cluster/get). Both calls
  // name the connection: two connections can list the same cluster id (core/fleet/find-cluster.ts).
  const target = { clusterId: cluster.clusterId, connectionId: cluster.connectionId }
  const current = await core.invoke('cluster/get', target)
  if (!current.ok) {
    handleError(current.error, `Could not read ${cluster.clusterName}`)
    return false
  }
  const offer = current.value.protection.keepCopy
  if (offer === null) {
    toasts.show('info', `No copy needed for ${cluster.clusterName}`, 'A newer backup is available or being made, or the newest one is not about to expire.')
    return false
  }
  const words = keepCopyWords(cluster.clusterName, offer)
  const confirmed = await modalManager.openLoaded<ConfirmProps>(DIALOGS.confirm, { title: 'Keep a copy now', ...words, confirmLabel: 'Start manual backup' })
  if (confirmed !== true) return false
  const result = await core.invoke('backup/create', { ...target, backupType: 'CLUSTER' })
  if (!result.ok) {
    handleError(result.error, `Could not start a backup of ${cluster.clusterName}`)
    return false
  }
  toasts.success(`Manual backup ${result.value.backupName} started`, `It is kept until you delete it. ${createdBackupFollowUp(result.value)}`)
  return true
}
