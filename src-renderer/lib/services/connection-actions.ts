import type { CommandInput } from '#contract/commands'
import type { Connection, ConnectionTag } from '#contract/models/connection'
import type { Envelope } from '#contract/envelope'
import type { CoreClient } from '../core-client/core-client.ts'
import type { ConnectionsState } from '../state/connections.svelte.ts'
import type { SyncState } from '../state/sync.svelte.ts'
import { toasts } from '../state/toasts.svelte.ts'
import { handleError } from '../ui/handle-error.ts'
import { modalManager } from '../ui/modal-manager.svelte.ts'
import { DIALOGS } from '../../sections.ts'

// Typed here because type-aware lint cannot see a .svelte component's props from a .ts file.
type RemoveProps = { connection: Connection; onClose: (result?: 'keep' | 'delete') => void }
type ReplaceKeyProps = { connection: Connection; submit: (apiKey: string) => Promise<Envelope<Connection>>; onClose: (result?: Connection) => void }

export type ConnectionActions = ReturnType<typeof createConnectionActions>

/** Connection actions: each invokes, updates the list and reports the outcome. Keys are sent, never read back. */
export function createConnectionActions(core: CoreClient, connections: ConnectionsState, sync: SyncState) {
  return {
    test(input: { baseUrl: string; apiKey: string }) {
      return core.invoke('connection/test', input)
    },

    /** Saves (the core checks the key again); the core starts the new connection's first sync itself. */
    async add(input: CommandInput<'connection/add'>) {
      const result = await core.invoke('connection/add', input)
      if (result.ok) {
        await Promise.all([connections.load(), sync.load()])
        toasts.success(`Connection ${result.value.name} saved`, 'Syncing its projects, clusters and backups…')
      }
      return result
    },

    async rename(connection: Connection, name: string): Promise<boolean> {
      const result = await core.invoke('connection/rename', { id: connection.id, name })
      if (!result.ok) {
        handleError(result.error, 'Could not rename the connection')
        return false
      }
      connections.replace(result.value)
      return true
    },

    async setTag(connection: Connection, tag: ConnectionTag | null): Promise<boolean> {
      const result = await core.invoke('connection/set-tag', { id: connection.id, tag })
      if (!result.ok) {
        handleError(result.error, 'Could not change the tag')
        return false
      }
      connections.replace(result.value)
      return true
    },

    /**
     * "Replace API key…" / "Enter key": the dialog sends the key to `connection/update-key`, which tests it against
     * the API before storing it; then the connection syncs at once so the screens stop showing the key problem.
     */
    async replaceKey(connection: Connection): Promise<boolean> {
      const updated = await modalManager.openLoaded<ReplaceKeyProps>(DIALOGS.replaceKey, {
        connection,
        submit: (apiKey) => core.invoke('connection/update-key', { id: connection.id, apiKey })
      })
      if (updated === undefined) return false
      connections.replace(updated)
      toasts.success(`New API key stored for ${updated.name}`, 'Zilliz Cloud accepted it. Syncing…')
      const synced = await sync.run(updated.id)
      if (!synced.ok && synced.error.code !== 'busy') handleError(synced.error, `Sync of ${updated.name} did not finish`, updated.id)
      await connections.load()
      return true
    },

    async activate(connection: Connection): Promise<void> {
      const result = await core.invoke('connection/activate', { id: connection.id })
      if (!result.ok) {
        handleError(result.error, `Could not switch to ${connection.name}`)
        return
      }
      await connections.load()
      await sync.load()
      toasts.success(`${connection.name} is now the active connection`)
    },

    async confirmAndRemove(connection: Connection): Promise<void> {
      const drafts = await modalManager.openLoaded<RemoveProps>(DIALOGS.removeConnection, { connection })
      if (drafts === undefined) return
      const result = await core.invoke('connection/remove', { id: connection.id, drafts })
      if (!result.ok) {
        handleError(result.error, `Could not remove ${connection.name}`)
        return
      }
      connections.remove(connection.id)
      await connections.load()
      toasts.success(`Connection ${connection.name} removed`)
    }
  }
}
