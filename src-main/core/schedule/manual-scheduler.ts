import type { ScheduledEntry, ScheduledJob, Scheduler } from './scheduler.ts'

/** A scheduler for tests: nothing runs until `runDue(now)` says the time has come. */
export class ManualScheduler implements Scheduler {
  private readonly entries = new Map<string, { atMs: number; job: ScheduledJob }>()

  schedule(id: string, atMs: number, job: ScheduledJob): void {
    this.entries.set(id, { atMs, job })
  }

  cancel(id: string): void {
    this.entries.delete(id)
  }

  list(): ScheduledEntry[] {
    return [...this.entries].map(([id, e]) => ({ id, atMs: e.atMs }))
  }

  /** The earliest planned instant, or null when nothing is pending. */
  nextAt(): number | null {
    const times = [...this.entries.values()].map((e) => e.atMs)
    return times.length === 0 ? null : Math.min(...times)
  }

  /**
   * Runs every entry due at `nowMs`, earliest first. An entry is removed before its job runs, so a job that
   * schedules its successor is not run twice. Returns how many ran.
   */
  runDue(nowMs: number): number {
    const due = [...this.entries]
      .filter(([, e]) => e.atMs <= nowMs)
      .sort(([, a], [, b]) => a.atMs - b.atMs)
    for (const [id, entry] of due) {
      if (this.entries.get(id) !== entry) continue
      this.entries.delete(id)
      entry.job()
    }
    return due.length
  }
}
