import type { Cluster, Deployment, MirroredPolicy, Project } from '#contract/models/cluster'
import { backupPolicySchema } from '#contract/models/policy'
import type { StoreDatabase } from './database.ts'
import { toIso, toIsoOrNull } from './time.ts'
import { readQuery } from './transaction.ts'

type ProjectRow = { connection_id: string; project_id: string; project_name: string; plan: string | null }
export type ClusterRow = {
  connection_id: string
  cluster_id: string
  cluster_name: string
  project_id: string
  region_id: string
  plan: string
  deployment: Deployment
  cu_type: string
  cu_size: number
  status: string
  create_time: number | null
}
type PolicyRow = { cluster_id: string; policy: string; read_at: number }

export function listProjects(db: StoreDatabase, filter: { connectionId?: string } = {}): Project[] {
  const rows = readQuery('list projects', () =>
    db.prepare(
      `SELECT * FROM projects WHERE (@connectionId IS NULL OR connection_id = @connectionId) ORDER BY project_name COLLATE NOCASE, project_id`
    ).all({ connectionId: filter.connectionId ?? null })
  ) as ProjectRow[]
  return rows.map((r) => ({ projectId: r.project_id, projectName: r.project_name, plan: r.plan, connectionId: r.connection_id }))
}

export function listClusters(db: StoreDatabase, filter: { connectionId?: string; projectId?: string } = {}): Cluster[] {
  const rows = readQuery('list clusters', () =>
    db.prepare(
      `SELECT * FROM clusters WHERE (@connectionId IS NULL OR connection_id = @connectionId)
         AND (@projectId IS NULL OR project_id = @projectId)
       ORDER BY cluster_name COLLATE NOCASE, cluster_id`
    ).all({ connectionId: filter.connectionId ?? null, projectId: filter.projectId ?? null })
  ) as ClusterRow[]
  return rows.map(clusterOfRow)
}

/** A `clusters` row as the contract's Cluster. */
export function clusterOfRow(r: ClusterRow): Cluster {
  return {
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    projectId: r.project_id,
    connectionId: r.connection_id,
    regionId: r.region_id,
    plan: r.plan,
    deployment: r.deployment,
    cuType: r.cu_type,
    cuSize: r.cu_size,
    status: r.status,
    createTime: toIsoOrNull(r.create_time)
  }
}

/**
 * The mirrored remote policy of a cluster. Two connections can mirror the same cluster id, so a caller acting on one
 * passes the connection it resolved (fleet/find-cluster.ts); without it, any copy is read.
 */
export function getMirroredPolicy(db: StoreDatabase, clusterId: string, connectionId?: string): MirroredPolicy | null {
  const row = readQuery('read the mirrored policy', () =>
    db.prepare(
      'SELECT cluster_id, policy, read_at FROM policies WHERE cluster_id = @clusterId' +
        ' AND (@connectionId IS NULL OR connection_id = @connectionId) LIMIT 1'
    ).get({ clusterId, connectionId: connectionId ?? null })
  ) as PolicyRow | undefined
  return row === undefined ? null : toMirrored(row)
}

export function listMirroredPolicies(db: StoreDatabase, filter: { connectionId?: string } = {}): MirroredPolicy[] {
  const rows = readQuery('list mirrored policies', () =>
    db.prepare('SELECT cluster_id, policy, read_at FROM policies WHERE (@connectionId IS NULL OR connection_id = @connectionId)' +
      ' ORDER BY cluster_id').all({ connectionId: filter.connectionId ?? null })
  ) as PolicyRow[]
  return rows.map(toMirrored)
}

function toMirrored(row: PolicyRow): MirroredPolicy {
  return { clusterId: row.cluster_id, policy: backupPolicySchema.parse(JSON.parse(row.policy)), readAt: toIso(row.read_at) }
}
