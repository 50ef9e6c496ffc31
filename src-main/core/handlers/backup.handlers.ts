import type { Backup } from '#contract/models/backup'
import type { BackupActions } from '../actions/backup-actions.ts'
import type { ConnectionService } from '../connections/connection-service.ts'
import type { BackupSearch } from '../fleet/backup-search.ts'
import type { StoreDatabase } from '../store/database.ts'
import { insertCreatingBackup, listBackups } from '../store/backups.repo.ts'
import { findCachedCluster } from '../fleet/find-cluster.ts'
import { listProjects } from '../store/cache.query.ts'
import { listClusterChoices } from '../store/cluster-choices.query.ts'
import type { HandlersFor } from './types.ts'

export type BackupHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  actions: BackupActions
  search: BackupSearch
  now: () => number
}

type BackupCommand =
  | 'backup/list'
  | 'backup/filter-options'
  | 'backup/create'
  | 'backup/delete'
  | 'backup/restore-cluster'
  | 'backup/restore-collection'
  | 'backup/export'

export function backupHandlers(deps: BackupHandlerDeps): HandlersFor<BackupCommand> {
  const { db, actions } = deps
  return {
    'backup/list': (input) => {
      const { connectionId, ...query } = input
      if (connectionId === undefined && deps.connections.activeId() === null) return Promise.resolve({ total: 0, items: [] })
      const id = deps.connections.resolve(connectionId)
      const hasText = query.search !== undefined && query.search.trim() !== ''
      return Promise.resolve(hasText ? deps.search.search(id, query) : listBackups(db, { ...query, connectionId: id }))
    },
    'backup/filter-options': ({ connectionId }) => {
      if (connectionId === undefined && deps.connections.activeId() === null) return Promise.resolve({ clusters: [], projects: [] })
      const id = deps.connections.resolve(connectionId)
      return Promise.resolve({ clusters: listClusterChoices(db, id), projects: listProjects(db, { connectionId: id }) })
    },
    'backup/create': async (input) => {
      // Resolved once: the request and the CREATING row it leaves are the same connection's cluster.
      const cluster = findCachedCluster(db, input)
      const created = await actions.create({ ...input, connectionId: cluster.connectionId })
      if (created.backupId !== '') {
        const creating: Backup = {
          backupId: created.backupId,
          backupName: created.backupName,
          clusterId: cluster.clusterId,
          clusterName: cluster.clusterName,
          projectId: cluster.projectId,
          connectionId: cluster.connectionId,
          backupType: input.backupType,
          creationMethod: 'MANUAL',
          status: 'CREATING',
          size: 0,
          createTime: new Date(deps.now()).toISOString(),
          expireTime: null
        }
        insertCreatingBackup(db, creating, deps.now())
        deps.search.add(creating)
      }
      return created
    },
    'backup/delete': async ({ clusterId, connectionId, backupId }) => {
      const cluster = findCachedCluster(db, { clusterId, connectionId })
      const deleted = await actions.delete(cluster, backupId)
      deps.search.remove(cluster.connectionId, backupId)
      return deleted
    },
    'backup/restore-cluster': (input) => actions.restoreCluster(input),
    'backup/restore-collection': (input) => actions.restoreCollection(input),
    'backup/export': (input) => actions.export(input)
  }
}
