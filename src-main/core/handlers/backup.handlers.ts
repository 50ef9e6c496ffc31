import type { BackupActions } from '../actions/backup-actions.ts'
import type { ConnectionService } from '../connections/connection-service.ts'
import type { BackupSearch } from '../fleet/backup-search.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listBackups } from '../store/backups.repo.ts'
import type { HandlersFor } from './types.ts'

export type BackupHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  actions: BackupActions
  search: BackupSearch
}

type BackupCommand =
  | 'backup/list'
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
    'backup/create': (input) => actions.create(input),
    'backup/delete': async ({ clusterId, backupId }) => {
      const deleted = await actions.delete(clusterId, backupId)
      deps.search.invalidate()
      return deleted
    },
    'backup/restore-cluster': (input) => actions.restoreCluster(input),
    'backup/restore-collection': (input) => actions.restoreCollection(input),
    'backup/export': (input) => actions.export(input)
  }
}
