/** restoreCluster, restoreCollection and export (docs/zilliz-api-notes.md#restore-cluster, #restore-collection, #export). */
import { apiError } from '../errors.ts'
import { restoreCluster, startSideJob } from '../operations.ts'
import {
  availableBackup,
  backupOwner,
  bodyObject,
  clusterBackup,
  dedicatedCluster,
  isInteger,
  isObject,
  stringField
} from './common.ts'
import type { JsonObject } from './common.ts'
import type { RouteDef } from './types.ts'

const CLUSTER_NAME = /^[A-Za-z0-9-]{1,64}$/

function checkCollections(body: JsonObject, inBackup: string[]): void {
  const raw = body.dbCollections ?? []
  if (!Array.isArray(raw)) throw apiError(96100, "'dbCollections' must be an array.")
  for (const db of raw) {
    if (!isObject(db)) throw apiError(96100, "'dbCollections' items must be objects.")
    const collections = db.collections ?? []
    if (!Array.isArray(collections)) throw apiError(96100, "'collections' must be an array.")
    for (const item of collections) {
      if (!isObject(item)) throw apiError(96100, "'collections' items must be objects.")
      // REF/ERR2 spell target*, the CLI and newest guide dest*: accept both
      // (docs/zilliz-api-notes.md#restore-collection).
      const status = item.targetCollectionStatus ?? item.destCollectionStatus
      if (status !== undefined && status !== 'LOADED' && status !== 'UNLOADED') throw apiError(96037)
      const name = item.collectionName
      if (typeof name !== 'string' || !inBackup.includes(name)) {
        throw apiError(96039, `Collection ${String(name)} is not in the backup.`)
      }
    }
  }
}

export const restoreRoutes: RouteDef[] = [
  {
    method: 'POST',
    template: '/v2/clusters/{clusterId}/backups/{backupId}/restoreCluster',
    handler: ({ world, params, body, now }) => {
      const source = backupOwner(world, params.clusterId)
      const input = bodyObject(body)
      const backup = availableBackup(clusterBackup(world, source, params.backupId), 96040)
      if (backup.backupType !== 'CLUSTER') throw apiError(96040, 'Only CLUSTER backups restore to a new cluster.')
      // REF says projectId, the guides targetProjectId (docs/zilliz-api-notes.md#restore-cluster): accept both.
      const projectId = stringField(input, 'projectId', 'targetProjectId')
      if (projectId === undefined || !world.projects.has(projectId)) throw apiError(96005)
      const clusterName = input.clusterName
      if (typeof clusterName !== 'string' || !CLUSTER_NAME.test(clusterName)) throw apiError(96010)
      const cuSize = input.cuSize
      if (!isInteger(cuSize) || cuSize < 1 || cuSize > 1024) throw apiError(96002)
      if (input.collectionStatus !== 'KEEP' && input.collectionStatus !== 'RELEASE') throw apiError(96031)
      const policy = input.restoreVersionPolicy
      if (policy !== undefined && policy !== 'ORIGINAL' && policy !== 'LATEST') {
        throw apiError(96040, "'restoreVersionPolicy' should be ORIGINAL or LATEST.")
      }
      for (const cluster of world.clusters.values()) {
        if (cluster.projectId === projectId && cluster.clusterName === clusterName && cluster.status !== 'DELETED') {
          throw apiError(96017)
        }
      }
      const result = restoreCluster(world, backup, { projectId, clusterName, cuSize }, now)
      return { clusterId: result.cluster.clusterId, username: 'db_admin', password: result.password, jobId: result.job.jobId }
    }
  },
  {
    method: 'POST',
    template: '/v2/clusters/{clusterId}/backups/{backupId}/restoreCollection',
    handler: ({ world, params, body, now }) => {
      const source = backupOwner(world, params.clusterId)
      const input = bodyObject(body)
      const backup = availableBackup(clusterBackup(world, source, params.backupId), 96039)
      const targetProject = stringField(input, 'targetProjectId', 'projectId')
      if (targetProject !== undefined && !world.projects.has(targetProject)) throw apiError(96005)
      const destId = stringField(input, 'destClusterId', 'targetClusterId')
      if (destId === undefined) throw apiError(96039, "'destClusterId' is required.")
      const dest = dedicatedCluster(world, destId)
      if (dest.status !== 'RUNNING') throw apiError(96039, 'The destination cluster is not RUNNING.')
      checkCollections(input, backup.dbCollections.flatMap((db) => db.collectionNames))
      return { jobId: startSideJob(world, 'RESTORE', backup, now).jobId }
    }
  },
  {
    method: 'POST',
    template: '/v2/clusters/{clusterId}/backups/{backupId}/export',
    handler: ({ world, params, body, now }) => {
      const source = backupOwner(world, params.clusterId)
      const input = bodyObject(body)
      const backup = availableBackup(clusterBackup(world, source, params.backupId), 96042)
      const integrationId = input.integrationId
      if (typeof integrationId !== 'string' || !integrationId.startsWith('integ-')) {
        throw apiError(96100, "'integrationId' is required and looks like integ-xxxxx.")
      }
      if (source.plan !== 'Enterprise' && source.plan !== 'BusinessCritical') throw apiError(96028)
      return { jobId: startSideJob(world, 'BACKUP', backup, now).jobId }
    }
  }
]
