import type { JobListItem, TrackedJob } from '#contract/commands/backup'
import type { EventPayload } from '#contract/events'
import type { JobStatus } from '#contract/models/job'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { toasts } from './toasts.svelte.ts'

/** A job as the tray shows it: what `job/list` knows, or just what a `job/updated` event said. */
export type JobView = EventPayload<'job/updated'> & Partial<Pick<JobListItem, 'action' | 'createdAt' | 'updatedAt' | 'clusterName' | 'backupName'>>

export const ACTION_LABELS: Record<TrackedJob['action'], string> = {
  'create-backup': 'Create backup',
  'delete-backup': 'Delete backup',
  'restore-cluster': 'Restore cluster',
  'restore-collection': 'Restore collection',
  'export-backup': 'Export backup'
}

// A type-only import keeps zod out of the bundle; `satisfies` keeps the list in step with the contract.
const TERMINAL_JOB_STATUSES = ['SUCCESSFUL', 'FAILED', 'CANCELED'] as const satisfies readonly JobStatus[]

export function isJobRunning(job: Pick<JobView, 'status'>): boolean {
  return !(TERMINAL_JOB_STATUSES as readonly JobStatus[]).includes(job.status)
}

/** What a job does, to what: "Create backup manual-0042 of orders-prod" — names, never raw ids, when they are known. */
export function jobTitle(job: JobView): string {
  const what = job.action === undefined ? `${job.type.charAt(0)}${job.type.slice(1).toLowerCase()} job` : ACTION_LABELS[job.action]
  const backup = job.backupName ?? null
  const cluster = job.clusterName ?? null
  if (backup !== null) return `${what} ${backup}${cluster === null ? '' : ` of ${cluster}`}`
  return cluster === null ? what : `${what} · ${cluster}`
}

/** Tracked jobs (create, delete, restore, export) with their progress until they end. */
export class JobsState {
  items = $state<JobView[]>([])
  private readonly endedListeners = new Set<(job: JobView) => void>()

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
    const result = await this.core.invoke('job/list', { activeOnly: false })
    if (result.ok) this.items = [...result.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 50)
  }

  /** The running job of a backup (its creation, most often), for the backup's row. */
  forBackup(backupId: string): JobView | undefined {
    return this.running.find((j) => j.backupId === backupId)
  }

  private merge(update: EventPayload<'job/updated'>): void {
    const existing = this.items.find((j) => j.jobId === update.jobId)
    // A job first seen in an event (e.g. started by another window) is listed again to learn its names.
    if (existing === undefined) void this.load()
    const wasRunning = existing === undefined || isJobRunning(existing)
    const merged: JobView = { ...existing, ...update }
    this.items = existing === undefined ? [merged, ...this.items] : this.items.map((j) => (j.jobId === update.jobId ? merged : j))
    if (wasRunning && !isJobRunning(merged)) {
      const label = jobTitle(merged)
      if (merged.status === 'SUCCESSFUL') toasts.success(`${label} finished`)
      else toasts.error(`${label} ${merged.status === 'FAILED' ? 'failed' : 'was canceled'}`, merged.reason || undefined)
      for (const listener of [...this.endedListeners]) listener(merged)
    }
  }
}
