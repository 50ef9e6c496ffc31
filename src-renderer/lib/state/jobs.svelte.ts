import type { TrackedJob } from '#contract/commands/backup'
import type { EventPayload } from '#contract/events'
import type { JobStatus } from '#contract/models/job'
import type { CoreClient } from '../core-client/core-client.ts'
import { toasts } from './toasts.svelte.ts'

/** A job as the tray shows it: what `job/list` knows, or just what a `job/updated` event said. */
export type JobView = EventPayload<'job/updated'> & Partial<Pick<TrackedJob, 'action' | 'createdAt' | 'updatedAt'>>

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

/** Tracked jobs (create, delete, restore, export) with their progress until they end. */
export class JobsState {
  items = $state<JobView[]>([])
  private readonly endedListeners = new Set<(job: JobView) => void>()

  readonly running = $derived(this.items.filter(isJobRunning))

  constructor(private readonly core: CoreClient) {
    core.subscribe((message) => {
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

  private merge(update: EventPayload<'job/updated'>): void {
    const existing = this.items.find((j) => j.jobId === update.jobId)
    const wasRunning = existing === undefined || isJobRunning(existing)
    const merged: JobView = { ...existing, ...update }
    this.items = existing === undefined ? [merged, ...this.items] : this.items.map((j) => (j.jobId === update.jobId ? merged : j))
    if (wasRunning && !isJobRunning(merged)) {
      const label = merged.action === undefined ? `${merged.type} job` : ACTION_LABELS[merged.action]
      if (merged.status === 'SUCCESSFUL') toasts.success(`${label} finished`)
      else toasts.error(`${label} ${merged.status === 'FAILED' ? 'failed' : 'was canceled'}`, merged.reason || undefined)
      for (const listener of [...this.endedListeners]) listener(merged)
    }
  }
}
