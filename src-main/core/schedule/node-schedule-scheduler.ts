import { scheduleJob, type Job } from 'node-schedule'
import type { ScheduledEntry, ScheduledJob, Scheduler } from './scheduler.ts'

/** node-schedule returns null for a date in the past; such a job runs this soon instead. */
const MIN_DELAY_MS = 5

/** The production scheduler: node-schedule one-shot jobs (the only importer of node-schedule, S24). */
export class NodeScheduleScheduler implements Scheduler {
  private readonly jobs = new Map<string, { atMs: number; job: Job }>()

  constructor(private readonly now: () => number = Date.now) {}

  schedule(id: string, atMs: number, run: ScheduledJob): void {
    this.cancel(id)
    const at = Math.max(atMs, this.now() + MIN_DELAY_MS)
    // Typed as never null, but node-schedule returns null for a date it judges past.
    const job = scheduleJob(new Date(at), () => {
      this.jobs.delete(id)
      run()
    }) as Job | null
    if (job === null) {
      setImmediate(run)
      return
    }
    this.jobs.set(id, { atMs, job })
  }

  cancel(id: string): void {
    this.jobs.get(id)?.job.cancel()
    this.jobs.delete(id)
  }

  list(): ScheduledEntry[] {
    return [...this.jobs].map(([id, e]) => ({ id, atMs: e.atMs }))
  }

  /**
   * Cancels this scheduler's jobs. Not node-schedule's gracefulShutdown(): that cancels every job in the
   * process, including ones other schedulers own.
   */
  stop(): void {
    for (const id of [...this.jobs.keys()]) this.cancel(id)
  }
}
