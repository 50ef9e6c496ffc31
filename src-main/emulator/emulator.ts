/**
 * The emulator without its HTTP server: clock, world, faults, rate limiter and counters, plus
 * the operations the control API and the programmatic API share.
 */
import { createClock } from './clock.ts'
import type { ClockMode, EmulatorClock } from './clock.ts'
import { createFaultBook } from './faults.ts'
import type { ActiveFault, FaultBook, FaultSpec } from './faults.ts'
import { advanceTo } from './lifecycle.ts'
import type { Backup, Cluster, Policy, Project } from './model.ts'
import { createCluster, dropCluster } from './operations.ts'
import type { NewCluster } from './operations.ts'
import { createRateLimiter } from './rate-limit.ts'
import type { RateLimiter } from './rate-limit.ts'
import { jobView } from './views.ts'
import type { World } from './world.ts'

export type JobSnapshot = {
  jobId: string
  type: string
  status: string
  progress: string
  startTime: number
  endAt: number
  reason: string
  backupId: string | null
  clusterId: string | null
}

export type EmulatorStateSnapshot = {
  now: number
  projects: Project[]
  clusters: Cluster[]
  policies: Policy[]
  /** Every backup ever created, including FAILED and DELETED ones. */
  backups: Backup[]
  jobs: JobSnapshot[]
  requestCounts: Record<string, number>
  rateLimited: number
  faults: ActiveFault[]
}

export type CreateClusterInput = Omit<NewCluster, 'projectId'> & { projectId?: string }

export type EmulatorCore = {
  clock: EmulatorClock
  world: World
  faults: FaultBook
  limiter: RateLimiter
  apiKeys: ReadonlySet<string>
  counts: Map<string, number>
  /** Brings the world up to the clock; call before reading or changing state. */
  sync(): number
  createCluster(input: CreateClusterInput): Cluster
  dropCluster(clusterId: string): void
  state(): EmulatorStateSnapshot
  injectFault(spec: FaultSpec): void
  onChange(listener: () => void): void
  changed(): void
}

export function createCore(
  world: World,
  options: { startTime: number; clockMode: ClockMode; apiKeys: string[]; rateLimit: number }
): EmulatorCore {
  const clock = createClock(options.startTime, options.clockMode)
  const listeners: (() => void)[] = []
  const counts = new Map<string, number>()
  const core: EmulatorCore = {
    clock,
    world,
    faults: createFaultBook(),
    limiter: createRateLimiter(options.rateLimit),
    apiKeys: new Set(options.apiKeys),
    counts,
    sync() {
      const now = clock.now()
      advanceTo(world, now)
      return now
    },
    createCluster(input) {
      const now = core.sync()
      const projectId = input.projectId ?? world.projects.keys().next().value
      if (projectId === undefined || !world.projects.has(projectId)) throw new Error(`Unknown project ${String(projectId)}`)
      const cluster = createCluster(world, { ...input, projectId }, now)
      core.changed()
      return structuredClone(cluster)
    },
    dropCluster(clusterId) {
      const now = core.sync()
      const cluster = world.clusters.get(clusterId)
      if (cluster === undefined || cluster.status === 'DELETED') throw new Error(`Unknown cluster ${clusterId}`)
      dropCluster(world, cluster, now)
      core.changed()
    },
    state() {
      const now = core.sync()
      const jobs = [...world.jobs.values()].map((job) => {
        const view = jobView(job, now, world.jobDurationMs)
        return {
          jobId: job.jobId,
          type: job.type,
          status: String(view.status),
          progress: String(view.progress),
          startTime: job.startTime,
          endAt: job.finished?.at ?? job.endAt,
          reason: job.finished?.reason ?? '',
          backupId: job.backupId,
          clusterId: job.clusterId
        }
      })
      return structuredClone({
        now,
        projects: [...world.projects.values()],
        clusters: [...world.clusters.values()],
        policies: [...world.policies.values()],
        backups: [...world.backups.values()],
        jobs,
        requestCounts: Object.fromEntries(counts),
        rateLimited: core.limiter.rejected(),
        faults: core.faults.list()
      })
    },
    injectFault(spec) {
      core.faults.add(spec)
    },
    onChange(listener) {
      listeners.push(listener)
    },
    changed() {
      for (const listener of listeners) listener()
    }
  }
  return core
}
