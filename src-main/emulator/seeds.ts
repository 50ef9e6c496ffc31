/**
 * Seeds. `demo` is played forward through the real lifecycle from 30 days before the start time,
 * so its history is consistent with its policies by construction; `large` is built directly
 * because it must take well under a second.
 */
import { DAY, HOUR, MINUTE, startOfUtcDay } from './clock.ts'
import { ApiError } from './errors.ts'
import { ids } from './ids.ts'
import { advanceTo, nextWindowStart, sizeOf } from './lifecycle.ts'
import type { JobOutcome } from './lifecycle.ts'
import type { Backup, Cluster, DbCollections, Plan, Project } from './model.ts'
import { createCluster, createManualBackup, setPolicy } from './operations.ts'
import type { NewCluster, PolicyInput } from './operations.ts'
import { REGIONS } from './regions.ts'
import { rebuildIndexes, schedule } from './world.ts'
import type { World } from './world.ts'

export type SeedSpec = { kind: 'demo' } | { kind: 'empty' } | { kind: 'large'; clusters: number; backupsPerCluster: number }

export function parseSeed(text: string): SeedSpec {
  if (text === 'demo' || text === 'empty') return { kind: text }
  const large = /^large:(\d+):(\d+)$/.exec(text)
  if (large?.[1] !== undefined && large[2] !== undefined) {
    return { kind: 'large', clusters: Number(large[1]), backupsPerCluster: Number(large[2]) }
  }
  throw new Error(`Unknown seed "${text}": use demo, empty or large:CLUSTERS:BACKUPS_PER_CLUSTER`)
}

export function applySeed(world: World, spec: SeedSpec, now: number): void {
  if (spec.kind === 'demo') seedDemo(world, now)
  else if (spec.kind === 'empty') addProject(world, 'Default Project', 'Standard', now - 30 * DAY)
  else seedLarge(world, spec.clusters, spec.backupsPerCluster, now)
  advanceTo(world, now)
}

function addProject(world: World, projectName: string, plan: Plan, createTime: number): Project {
  const project: Project = { projectId: ids.project(world.random), projectName, plan, createTime }
  world.projects.set(project.projectId, project)
  return project
}

const policy = (frequency: string, startTime: string, retentionDays: number, copies: PolicyInput['crossRegionCopies'] = []): PolicyInput => ({
  enabled: true,
  frequency,
  startTime,
  retentionDays,
  crossRegionCopies: copies
})

function manual(world: World, cluster: Cluster, at: number, type: 'CLUSTER' | 'COLLECTION', outcome?: JobOutcome): void {
  // Step past any automatic backup running at that moment; seeds must not fail.
  for (let when = at; when < at + HOUR; when += 5 * MINUTE) {
    advanceTo(world, when)
    const dbCollections = type === 'COLLECTION' ? [{ dbName: 'default', collectionNames: ['products'] }] : []
    try {
      createManualBackup(world, cluster, { type, dbCollections, ...(outcome === undefined ? {} : { outcome }) }, when)
      return
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
    }
  }
}

function seedDemo(world: World, now: number): void {
  const t0 = now - 30 * DAY
  const prod = addProject(world, 'Production', 'Enterprise', t0 - 90 * DAY)
  const staging = addProject(world, 'Staging', 'Standard', t0 - 60 * DAY)
  const made = t0 - 10 * DAY
  const add = (input: NewCluster): Cluster => createCluster(world, input, made)
  const orders = add({ projectId: prod.projectId, clusterName: 'orders-prod', regionId: 'aws-us-west-2', plan: 'Enterprise', cuSize: 4 })
  const search = add({ projectId: prod.projectId, clusterName: 'search-prod', regionId: 'aws-us-east-1', plan: 'Enterprise', cuType: 'Capacity-optimized', cuSize: 8 })
  add({ projectId: prod.projectId, clusterName: 'events-serverless', kind: 'serverless', regionId: 'gcp-us-west1' })
  const catalog = add({ projectId: staging.projectId, clusterName: 'catalog-staging', regionId: 'gcp-us-west1', plan: 'Standard', cuSize: 2 })
  const analytics = add({ projectId: staging.projectId, clusterName: 'analytics-staging', regionId: 'aws-us-west-2', plan: 'Standard', cuType: 'Capacity-optimized', cuSize: 2 })
  const features = add({ projectId: staging.projectId, clusterName: 'ml-features', regionId: 'aws-eu-central-1', plan: 'Standard', cuSize: 1 })
  add({ projectId: staging.projectId, clusterName: 'sandbox-free', kind: 'free', regionId: 'gcp-us-west1' })

  const enable = (cluster: Cluster, at: number, input: PolicyInput): void => {
    advanceTo(world, at)
    setPolicy(world, cluster, input, at)
  }
  enable(analytics, t0 + 10 * MINUTE, policy('1,2,3,4,5,6,7', '12:00-14:00', 30))
  enable(orders, t0 + 20 * MINUTE, policy('1,2,3,4,5,6,7', '02:00-04:00', 7, [{ regionId: 'aws-us-east-1', retentionDays: 3 }]))
  enable(search, t0 + 30 * MINUTE, policy('1,3,5', '22:00-00:00', 14))
  enable(catalog, t0 + 40 * MINUTE, policy('1,2,3,4,5', '08:00-10:00', 3))
  enable(features, t0 + 50 * MINUTE, policy('7', '04:00-06:00', 30))

  const day = (daysAgo: number): number => startOfUtcDay(now - daysAgo * DAY) + 15 * HOUR + 30 * MINUTE
  manual(world, orders, day(28), 'CLUSTER')
  manual(world, search, day(15), 'CLUSTER')
  manual(world, analytics, day(20), 'CLUSTER')
  advanceTo(world, now - 12 * DAY)
  setPolicy(world, analytics, { enabled: false, frequency: '', startTime: '', retentionDays: 0, crossRegionCopies: [] }, now - 12 * DAY)
  manual(world, orders, day(5), 'COLLECTION')
  manual(world, analytics, day(3), 'CLUSTER', { status: 'FAILED', reason: 'Insufficient storage quota in the backup bucket.', afterMs: 20 * MINUTE })
  // Stuck: still CREATING well past 6 h; it finally fails after 72 h (README [I]).
  manual(world, catalog, now - 10 * HOUR, 'CLUSTER', { status: 'FAILED', reason: 'Backup timed out.', afterMs: 72 * HOUR })
}

function seedLarge(world: World, clusterCount: number, perCluster: number, now: number): void {
  const projects = [
    addProject(world, 'Large Project A', 'Enterprise', now - 400 * DAY),
    addProject(world, 'Large Project B', 'Standard', now - 380 * DAY),
    addProject(world, 'Large Project C', 'BusinessCritical', now - 360 * DAY)
  ]
  const dedicated = REGIONS.filter((region) => region.cloudId !== 'azure')
  for (let i = 0; i < clusterCount; i++) {
    const project = projects[i % projects.length] ?? projects[0]
    const region = dedicated[i % dedicated.length] ?? dedicated[0]
    if (project === undefined || region === undefined) return
    const cluster = createCluster(
      world,
      { projectId: project.projectId, clusterName: `cluster-${String(i + 1).padStart(4, '0')}`, regionId: region.regionId, plan: project.plan, cuSize: 1 + (i % 8) },
      now - 200 * DAY
    )
    const window = `${String(i % 22).padStart(2, '0')}:00-${String((i % 22) + 2).padStart(2, '0')}:00`
    const clusterPolicy = { clusterId: cluster.clusterId, ...policy('1,2,3,4,5,6,7', window, 30), version: 1 }
    world.policies.set(cluster.clusterId, clusterPolicy)
    const lastWindow = (nextWindowStart(clusterPolicy, now) ?? now + DAY) - DAY
    const autos = Math.min(perCluster, 30)
    const shared = { cluster: [{ dbName: 'default', collectionNames: cluster.collections }], collection: [{ dbName: 'default', collectionNames: ['products'] }] }
    for (let k = 0; k < perCluster; k++) {
      const isAuto = k < autos
      const at = isAuto ? lastWindow - k * DAY : now - 3 * HOUR - (k - autos) * 13 * HOUR
      addBuilt(world, cluster, shared, at, isAuto ? at + 30 * DAY : null, !isAuto && k % 2 === 1 ? 'COLLECTION' : 'CLUSTER')
    }
    schedule(world, { at: lastWindow + DAY, kind: 'auto-tick', clusterId: cluster.clusterId, version: 1 })
  }
  rebuildIndexes(world)
}

type SharedCollections = { cluster: DbCollections[]; collection: DbCollections[] }

/** Backups of one cluster share their (never mutated) collection lists: 10,000 fewer arrays to build. */
function addBuilt(world: World, cluster: Cluster, shared: SharedCollections, at: number, expireTime: number | null, type: 'CLUSTER' | 'COLLECTION'): void {
  cluster.backupCounter += 1
  const backupId = ids.backup(world.random, cluster.backupCounter)
  const jobId = ids.job(world.random)
  const end = at + world.jobDurationMs
  world.jobs.set(jobId, { jobId, type: 'BACKUP', startTime: at, endAt: end, finished: { status: 'SUCCESSFUL', reason: '', at: end }, outcome: { status: 'SUCCESSFUL', reason: '' }, backupId, clusterId: cluster.clusterId })
  const backup: Backup = {
    backupId,
    backupName: `${type === 'CLUSTER' ? cluster.clusterName : 'products'}_backup${cluster.backupCounter}`,
    clusterId: cluster.clusterId,
    clusterName: cluster.clusterName,
    projectId: cluster.projectId,
    regionId: cluster.regionId,
    backupType: type,
    creationMethod: expireTime === null ? 'MANUAL' : 'AUTO',
    status: 'AVAILABLE',
    size: sizeOf(backupId),
    createTime: at,
    expireTime,
    dbCollections: type === 'CLUSTER' ? shared.cluster : shared.collection,
    jobId,
    deletedTime: null
  }
  world.backups.set(backupId, backup)
  if (expireTime !== null) schedule(world, { at: expireTime, kind: 'expire', backupId })
}
