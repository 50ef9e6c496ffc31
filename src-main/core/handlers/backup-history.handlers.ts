import { backupHistory } from '../history/backup-history.ts'
import { historyScope } from '../fleet/find-cluster.ts'
import type { StoreDatabase } from '../store/database.ts'
import type { HandlersFor } from './types.ts'

type BackupHistoryHandlerDeps = { db: StoreDatabase }

/** The local history of backups: answered offline, from what earlier syncs saw. */
export function backupHistoryHandlers(deps: BackupHistoryHandlerDeps): HandlersFor<'backup/history'> {
  return {
    'backup/history': ({ clusterId, connectionId, from, to }) =>
      Promise.resolve(
        backupHistory(deps.db, {
          ...historyScope(deps.db, { clusterId, connectionId }),
          ...(from === undefined ? {} : { fromMs: Date.parse(from) }),
          ...(to === undefined ? {} : { toMs: Date.parse(to) })
        })
      )
  }
}
