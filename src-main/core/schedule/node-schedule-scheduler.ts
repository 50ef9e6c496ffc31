import type { Job, scheduleJob } from 'node-schedule'
import type { ScheduledEntry, ScheduledJob, Scheduler } from './scheduler.ts'

/** node-schedule returns null for a date in the past; such a job runs this soon instead. */
const MIN_DELAY_MS = 5

type NodeSchedule = { scheduleJob: typeof scheduleJob }
type Entry = { atMs: number; run: ScheduledJob; job: Job | null }

/*
 * node-schedule (with cron-parser and luxon) is loaded on the first `schedule`, not with the host: a launch does not
 * wait for it (docs/architecture.md, "Listen first, warm later"). Until it has loaded, an entry is listed and can be
 * cancelled; it is armed as soon as the module is there, at its own instant (or at once when that has passed).
 */
let loading: Promise<NodeSchedule> | null = null
let loaded: NodeSchedule | null = null

function loadNodeSchedule(): Promise<NodeSchedule> {
  loading ??= import('node-schedule').then((module) => (loaded = module))
  return loading
}

/** The production scheduler: node-schedule one-shot jobs (the only importer of node-schedule: `confinedModules` in eslint.config.mjs). */
export class NodeScheduleScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly now: () => number = Date.now) {}

  schedule(id: string, atMs: number, run: ScheduledJob): void {
    this.cancel(id)
    const entry: Entry = { atMs, run, job: null }
    this.entries.set(id, entry)
    if (loaded !== null) this.arm(loaded, id, entry)
    else void loadNodeSchedule().then((module) => this.arm(module, id, entry))
  }

  cancel(id: string): void {
    this.entries.get(id)?.job?.cancel()
    this.entries.delete(id)
  }

  list(): ScheduledEntry[] {
    return [...this.entries].map(([id, e]) => ({ id, atMs: e.atMs }))
  }

  /** Resolves once node-schedule is loaded and every entry made so far is armed. */
  async ready(): Promise<void> {
    await loadNodeSchedule()
  }

  /**
   * Cancels this scheduler's jobs. Not node-schedule's gracefulShutdown(): that cancels every job in the
   * process, including ones other schedulers own.
   */
  stop(): void {
    for (const id of [...this.entries.keys()]) this.cancel(id)
  }

  private arm(module: NodeSchedule, id: string, entry: Entry): void {
    // Cancelled or replaced while the module loaded.
    if (this.entries.get(id) !== entry) return
    const at = Math.max(entry.atMs, this.now() + MIN_DELAY_MS)
    const fire = (): void => {
      if (this.entries.get(id) !== entry) return
      this.entries.delete(id)
      entry.run()
    }
    // Typed as never null, but node-schedule returns null for a date it judges past.
    const job = module.scheduleJob(new Date(at), fire) as Job | null
    if (job === null) setImmediate(fire)
    else entry.job = job
  }
}
