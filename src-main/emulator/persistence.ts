/** --state-file: the world as JSON, written atomically (temp file + rename) after changes and on close. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRandom } from './ids.ts'
import type { Backup, Cluster, Job, Policy, Project, WorldEvent } from './model.ts'
import { rebuildIndexes } from './world.ts'
import type { World } from './world.ts'
import { EventQueue } from './event-queue.ts'

type StateFile = {
  version: 1
  now: number
  seq: number
  jobDurationMs: number
  projects: Project[]
  clusters: Cluster[]
  policies: Policy[]
  backups: Backup[]
  jobs: Job[]
  events: WorldEvent[]
}

export function saveWorld(world: World, file: string): void {
  const data: StateFile = {
    version: 1,
    now: world.now,
    seq: world.seq,
    jobDurationMs: world.jobDurationMs,
    projects: [...world.projects.values()],
    clusters: [...world.clusters.values()],
    policies: [...world.policies.values()],
    backups: [...world.backups.values()],
    jobs: [...world.jobs.values()],
    events: world.events.toArray()
  }
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(data))
  renameSync(temp, file)
}

/** Trusts its own format: the file is written only by saveWorld. */
export function loadWorld(file: string): World | null {
  if (!existsSync(file)) return null
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }
  if (raw.version !== 1) throw new Error(`Unsupported state file version in ${file}`)
  const data = raw as StateFile
  const events = new EventQueue()
  for (const event of data.events) events.push(event)
  const world: World = {
    projects: new Map(data.projects.map((p) => [p.projectId, p])),
    clusters: new Map(data.clusters.map((c) => [c.clusterId, c])),
    policies: new Map(data.policies.map((p) => [p.clusterId, p])),
    backups: new Map(data.backups.map((b) => [b.backupId, b])),
    jobs: new Map(data.jobs.map((j) => [j.jobId, j])),
    byCluster: new Map(),
    ordered: [],
    hidden: 0,
    events,
    seq: data.seq,
    now: data.now,
    random: createRandom(Date.now() % 2147483647),
    jobDurationMs: data.jobDurationMs
  }
  rebuildIndexes(world)
  return world
}

/** Coalesces bursts of changes into one write; flush() writes now (used on close). */
export function createSaver(world: World, file: string, delayMs = 250): { schedule(): void; flush(): void } {
  let timer: NodeJS.Timeout | null = null
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    saveWorld(world, file)
  }
  return {
    schedule() {
      timer ??= setTimeout(flush, delayMs)
    },
    flush
  }
}
