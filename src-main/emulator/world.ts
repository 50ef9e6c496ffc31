/**
 * The emulator's state plus the indexes that keep requests cheap at 10,000+ backups:
 * backups per cluster and one global list, both ordered by createTime, holding only listable
 * (CREATING/AVAILABLE) backups once compacted.
 */
import { EventQueue } from './event-queue.ts'
import { createRandom } from './ids.ts'
import type { Random } from './ids.ts'
import type { Backup, Cluster, Job, Policy, Project } from './model.ts'

export type World = {
  projects: Map<string, Project>
  clusters: Map<string, Cluster>
  policies: Map<string, Policy>
  backups: Map<string, Backup>
  jobs: Map<string, Job>
  byCluster: Map<string, Backup[]>
  ordered: Backup[]
  /** How many entries of the ordered lists are no longer listable (compaction trigger). */
  hidden: number
  events: EventQueue
  seq: number
  /** World time already processed; lifecycle never runs twice over the same span. */
  now: number
  random: Random
  jobDurationMs: number
}

export function createWorld(now: number, jobDurationMs: number, randomSeed: number): World {
  return {
    projects: new Map(),
    clusters: new Map(),
    policies: new Map(),
    backups: new Map(),
    jobs: new Map(),
    byCluster: new Map(),
    ordered: [],
    hidden: 0,
    events: new EventQueue(),
    seq: 0,
    now,
    random: createRandom(randomSeed),
    jobDurationMs
  }
}

type EventInput =
  | { at: number; kind: 'job-end'; jobId: string }
  | { at: number; kind: 'expire'; backupId: string }
  | { at: number; kind: 'auto-tick'; clusterId: string; version: number }

export function schedule(world: World, event: EventInput): void {
  world.seq += 1
  world.events.push({ ...event, seq: world.seq })
}

export function isListable(backup: Backup): boolean {
  return backup.status === 'AVAILABLE' || backup.status === 'CREATING'
}

export function addBackup(world: World, backup: Backup): void {
  world.backups.set(backup.backupId, backup)
  insertByTime(world.ordered, backup)
  let list = world.byCluster.get(backup.clusterId)
  if (list === undefined) {
    list = []
    world.byCluster.set(backup.clusterId, list)
  }
  insertByTime(list, backup)
}

/** Appending is the normal case (time only moves forward); seeds may insert out of order. */
function insertByTime(list: Backup[], backup: Backup): void {
  const last = list[list.length - 1]
  if (last === undefined || last.createTime <= backup.createTime) {
    list.push(backup)
    return
  }
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const item = list[mid]
    if (item !== undefined && item.createTime <= backup.createTime) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, backup)
}

/**
 * The organization's listable backups, oldest first: the global list after dropping what left the listable set, so
 * that a page of an unfiltered listing is read by index rather than by scanning every backup.
 */
export function listableInOrder(world: World): Backup[] {
  if (world.hidden > 0) compact(world)
  return world.ordered
}

/** Call after a backup leaves the listable set. */
export function noteHidden(world: World): void {
  world.hidden += 1
  if (world.hidden > 1000 && world.hidden > world.ordered.length / 2) compact(world)
}

function compact(world: World): void {
  world.ordered = world.ordered.filter(isListable)
  for (const [clusterId, list] of world.byCluster) {
    const kept = list.filter(isListable)
    if (kept.length === 0) world.byCluster.delete(clusterId)
    else world.byCluster.set(clusterId, kept)
  }
  world.hidden = 0
}

export function rebuildIndexes(world: World): void {
  const all = [...world.backups.values()].filter(isListable).sort((a, b) => a.createTime - b.createTime)
  world.ordered = []
  world.byCluster = new Map()
  world.hidden = 0
  for (const backup of all) {
    world.ordered.push(backup)
    const list = world.byCluster.get(backup.clusterId) ?? []
    list.push(backup)
    world.byCluster.set(backup.clusterId, list)
  }
}
