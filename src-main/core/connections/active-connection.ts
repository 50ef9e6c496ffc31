import type { KeyValueStore } from '../schedule/ledger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { findConnection, listConnections } from '../store/connections.repo.ts'

/** The setting that names the connection the admin chose. */
export const ACTIVE_CONNECTION_KEY = 'connections.active'

/**
 * The active connection's id; the first connection when none was chosen; null when there are none. The connection
 * service answers with it, and `backup-desk plan` reads it without composing the service (core/open-store.ts).
 */
export function activeConnectionId(db: StoreDatabase, settings: KeyValueStore): string | null {
  const chosen = settings.read(ACTIVE_CONNECTION_KEY)
  if (chosen !== null && chosen !== '' && findConnection(db, chosen) !== null) return chosen
  return listConnections(db)[0]?.id ?? null
}
