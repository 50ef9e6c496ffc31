/** A job the scheduler runs once at its instant. */
export type ScheduledJob = () => void

export type ScheduledEntry = { id: string; atMs: number }

/**
 * The timer port: the core plans through it and never imports node-schedule (`confinedModules` in
 * eslint.config.mjs); tests use `ManualScheduler` on a fake clock. The watcher keeps at most one entry per id, so the number of live timers
 * is the number of ids it uses (one), however large the fleet. Implementations never run backups.
 */
export type Scheduler = {
  /** Runs `job` once at `atMs` (epoch ms UTC); replaces any entry with the same id. */
  schedule(id: string, atMs: number, job: ScheduledJob): void
  cancel(id: string): void
  list(): ScheduledEntry[]
}
