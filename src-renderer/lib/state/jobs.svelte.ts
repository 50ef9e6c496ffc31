import type { JobListItem, TrackedJob } from '#contract/commands/backup'
import type { EventPayload } from '#contract/events'
import type { TrackedJobStatus } from '#contract/models/job'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { formatClock } from '../ui/format.ts'
import { toasts } from './toasts.svelte.ts'

/** A job as the tray shows it: what `job/list` knows, or just what a `job/updated` event said. */
export type JobView = EventPayload<'job/updated'> & Partial<Pick<JobListItem, 'createdAt' | 'clusterName' | 'backupName'>>

const ACTION_LABELS: Record<TrackedJob['action'], string> = {
  'create-backup': 'Create backup',
  'delete-backup': 'Delete backup',
  'restore-cluster': 'Restore cluster',
  'restore-collection': 'Restore collection',
  'export-backup': 'Export backup',
  'first-backup': 'First backup'
}

// A type-only import keeps zod out of the bundle; `satisfies` keeps the list in step with the contract.
const TERMINAL_JOB_STATUSES = ['SUCCESSFUL', 'FAILED', 'CANCELED', 'NOT_STARTED'] as const satisfies readonly TrackedJobStatus[]

export function isJobRunning(job: Pick<JobView, 'status'>): boolean {
  return !(TERMINAL_JOB_STATUSES as readonly TrackedJobStatus[]).includes(job.status)
}

/**
 * Whether the job's percentage means anything: the backup that enabling a policy starts has no Zilliz job to
 * describe, so its progress is unknown until it ends (shown as an indeterminate bar, never as 0%).
 */
export function reportsProgress(job: Pick<JobView, 'action'>): boolean {
  return job.action !== 'first-backup'
}

/** What a job does, to what: "Create backup manual-0042 of orders-prod" — names, never raw ids, when they are known. */
export function jobTitle(job: JobView): string {
  const cluster = job.clusterName ?? null
  if (job.action === 'first-backup') return cluster === null ? 'First backup' : `First backup of ${cluster}`
  const what = ACTION_LABELS[job.action]
  const backup = job.backupName ?? null
  if (backup !== null) return `${what} ${backup}${cluster === null ? '' : ` of ${cluster}`}`
  return cluster === null ? what : `${what} · ${cluster}`
}

/**
 * The line under a first backup: which backup, and why it exists. "Expected", not "started", once Zilliz listed none
 * in time: the badge beside it says "not started".
 */
export function firstBackupNote(job: Pick<JobView, 'status' | 'backupName'>): string {
  if (job.status === 'NOT_STARTED') return 'Automatic backup · expected when automatic backups were enabled'
  const what = job.backupName ?? (job.status === 'PENDING' ? 'Waiting for Zilliz Cloud to list it' : 'Automatic backup')
  return `${what} · started when automatic backups were enabled`
}

/**
 * When the core last saw a running job change: its status and percentage are as of then. While Zilliz Cloud cannot
 * be reached the core cannot ask, and this time, not a frozen bar alone, says how old they are.
 */
export function changeSeenText(job: Pick<JobView, 'updatedAt'>): string {
  return `last change seen ${formatClock(job.updatedAt)}`
}

/** Tracked jobs (create, delete, restore, export) with their progress until they end. */
export class JobsState {
  items = $state<JobView[]>([])
  private readonly endedListeners = new Set<(job: JobView) => void>()
  private loads = 0

  readonly running = $derived(this.items.filter(isJobRunning))

  constructor(private readonly core: CoreClient) {}

  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'job/updated') this.merge(message.payload)
    })
  }

  onEnded(listener: (job: JobView) => void): () => void {
    this.endedListeners.add(listener)
    return () => this.endedListeners.delete(listener)
  }

  async load(): Promise<void> {
    const asked = ++this.loads
    const result = await this.core.invoke('job/list', { activeOnly: false })
    // Only the newest answer counts: an older list still on its way would bring back states events have replaced.
    if (result.ok && asked === this.loads) this.items = [...result.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 50)
  }

  /** The running job of a backup (its creation, most often), for the backup's row. */
  forBackup(backupId: string): JobView | undefined {
    return this.running.find((j) => j.backupId === backupId)
  }

  private merge(update: EventPayload<'job/updated'>): void {
    const existing = this.items.find((j) => j.jobId === update.jobId)
    // A job first seen in an event (e.g. started by another window), or one that has just learnt its backup (the
    // first backup of an enabled policy is found after its job began), is listed again to learn its names.
    if (existing === undefined || existing.backupId !== update.backupId) void this.load()
    const wasRunning = existing === undefined || isJobRunning(existing)
    const merged: JobView = { ...existing, ...update }
    this.items = existing === undefined ? [merged, ...this.items] : this.items.map((j) => (j.jobId === update.jobId ? merged : j))
    if (wasRunning && !isJobRunning(merged)) {
      const label = jobTitle(merged)
      if (merged.status === 'SUCCESSFUL') toasts.success(`${label} finished`)
      else if (merged.status === 'NOT_STARTED') toasts.show('info', `${label}: not started yet`, merged.reason || undefined)
      else toasts.error(`${label} ${merged.status === 'FAILED' ? 'failed' : 'was canceled'}`, merged.reason || undefined)
      for (const listener of [...this.endedListeners]) listener(merged)
    }
  }
}
