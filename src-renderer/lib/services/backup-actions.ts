import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { BackupCollection } from '#contract/commands/backup-contents'
import type { ClusterChoice } from '#contract/commands/backup-filter-options'
import type { Envelope } from '#contract/envelope'
import { formatLocalAndUtc } from '#contract/time'
import type { Backup } from '#contract/models/backup'
import type { Project } from '#contract/models/cluster'
import type { CoreClient } from '../core-client/core-client.ts'
import type { BackupsState } from '../state/backups.svelte.ts'
import type { JobsState } from '../state/jobs.svelte.ts'
import { toasts } from '../state/toasts.svelte.ts'
import { createdBackupFollowUp } from './created-backup-words.ts'
import ConfirmDialog from '../ui/ConfirmDialog.svelte'
import { formatSize, localTimeZone } from '../ui/format.ts'
import { handleError } from '../ui/handle-error.ts'
import { modalManager } from '../ui/modal-manager.svelte.ts'
import CreateBackupDialog from '../../features/backups/dialogs/CreateBackupDialog.svelte'
import ExportBackupDialog from '../../features/backups/dialogs/ExportBackupDialog.svelte'
import PasswordOnceDialog from '../../features/backups/dialogs/PasswordOnceDialog.svelte'
import RestoreClusterDialog from '../../features/backups/dialogs/RestoreClusterDialog.svelte'
import RestoreCollectionDialog from '../../features/backups/dialogs/RestoreCollectionDialog.svelte'
import { restoreTargets } from '../../features/backups/restore-targets.ts'

// Typed here because type-aware lint cannot see a .svelte component's props from a .ts file.
type FormProps<N extends CommandName> = {
  submit: (input: CommandInput<N>) => Promise<Envelope<CommandOutput<N>>>
  onClose: (result?: CommandOutput<N>) => void
}
type ConfirmProps = {
  title: string
  message: string
  details?: string[]
  confirmLabel: string
  isDestructive?: boolean
  onClose: (result?: boolean) => void
}
type RestoreClusterProps = FormProps<'backup/restore-cluster'> & { backup: Backup; projects: Project[]; defaultCuSize: number }
type RestoreCollectionProps = FormProps<'backup/restore-collection'> & {
  backup: Backup
  clusters: ClusterChoice[]
  loadCollections: () => Promise<Envelope<BackupCollection[]>>
}
type ExportProps = FormProps<'backup/export'> & { backup: Backup }
type CreateProps = FormProps<'backup/create'> & { clusters: ClusterChoice[]; clusterId: string }
type PasswordProps = { clusterId: string; username: string; password: string; onClose: (result?: undefined) => void }

/**
 * The exact words of the delete confirmation: what is lost, and where. With more than one organization stored, two
 * of them can have a cluster of the same name (prod in each), so the organization is named too.
 */
function deleteMessage(backup: Backup, organization: string | null): string {
  const created = formatLocalAndUtc(backup.createTime, localTimeZone()).text
  const where = organization === null ? '' : ` in ${organization}`
  return `Delete backup ${backup.backupName} of cluster ${backup.clusterName}${where} (${formatSize(backup.size)}, created ${created})? This cannot be undone.`
}

const RETENTION_NOTE =
  'Automatic backups are also removed when their retention ends; manual backups are kept until deleted.'

/**
 * The cluster a backup's action goes to: its own connection's, named with the id, because two connections can list the
 * same cluster id and the core refuses to guess (core/fleet/find-cluster.ts).
 */
function sourceOf(backup: Backup): { clusterId: string; connectionId: string } {
  return { clusterId: backup.clusterId, connectionId: backup.connectionId }
}

/**
 * Backup actions: each confirms in a dialog that says what will happen, invokes, then tracks the job.
 * `organizationOf` names a backup's organization where more than one is stored, else null.
 */
export function createBackupActions(
  core: CoreClient,
  backups: BackupsState,
  jobs: JobsState,
  organizationOf: (backup: Backup) => string | null
) {
  const afterAction = async (): Promise<void> => {
    await Promise.all([jobs.load(), backups.refresh()])
  }

  return {
    async confirmAndDelete(backup: Backup): Promise<boolean> {
      const confirmed = await modalManager.open<ConfirmProps>(ConfirmDialog, {
        title: 'Delete backup',
        message: deleteMessage(backup, organizationOf(backup)),
        details: [RETENTION_NOTE],
        confirmLabel: 'Delete backup',
        isDestructive: true
      })
      if (confirmed !== true) return false
      const result = await core.invoke('backup/delete', { ...sourceOf(backup), backupId: backup.backupId })
      if (!result.ok) {
        handleError(result.error, `Could not delete ${backup.backupName}`)
        return false
      }
      toasts.success(`Deleting backup ${result.value.backupName}`)
      await afterAction()
      return true
    },

    async restoreCluster(backup: Backup): Promise<void> {
      // The CU size is a details fact (`cluster/get`), not part of the Fleet's rows.
      const [source] = await Promise.all([core.invoke('cluster/get', sourceOf(backup)), backups.needOptions()])
      const result = await modalManager.open<RestoreClusterProps>(RestoreClusterDialog, {
        backup,
        projects: backups.projects,
        defaultCuSize: source.ok ? source.value.cuSize || 1 : 1,
        submit: (input) => core.invoke('backup/restore-cluster', { ...input, ...sourceOf(backup) })
      })
      if (result === undefined) return
      await modalManager.open<PasswordProps>(PasswordOnceDialog, { clusterId: result.clusterId, username: result.username, password: result.password })
      await afterAction()
    },

    async restoreCollection(backup: Backup): Promise<void> {
      await backups.needOptions()
      const result = await modalManager.open<RestoreCollectionProps>(RestoreCollectionDialog, {
        backup,
        clusters: restoreTargets(backups.clusters, backup),
        loadCollections: () =>
          core.invoke('backup/collections', { ...sourceOf(backup), backupId: backup.backupId }),
        submit: (input) => core.invoke('backup/restore-collection', { ...input, ...sourceOf(backup) })
      })
      if (result === undefined) return
      toasts.success('Collection restore started', 'Follow its progress in Jobs.')
      await afterAction()
    },

    async exportBackup(backup: Backup): Promise<void> {
      const result = await modalManager.open<ExportProps>(ExportBackupDialog, { backup, submit: (input) => core.invoke('backup/export', { ...input, ...sourceOf(backup) }) })
      if (result === undefined) return
      toasts.success('Export started', `Job ${result.jobId}`)
      await afterAction()
    },

    async createBackup(clusterId: string): Promise<void> {
      await backups.needOptions()
      const result = await modalManager.open<CreateProps>(CreateBackupDialog, {
        clusters: backups.clusters,
        clusterId,
        // The choices are one connection's clusters (backup/filter-options), so the chosen id names one of them.
        submit: (input) => core.invoke('backup/create', { ...input, connectionId: backups.clusters.find((c) => c.clusterId === input.clusterId)?.connectionId })
      })
      if (result === undefined) return
      toasts.success(`Backup ${result.backupName} started`, createdBackupFollowUp(result))
      await afterAction()
    }
  }
}
