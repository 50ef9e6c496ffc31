import type { KeychainStatus } from '#contract/models/connection'
import type { ConnectionService } from '../connections/connection-service.ts'
import type { HandlersFor } from './types.ts'

type ConnectionHandlerDeps = {
  connections: ConnectionService
  /** May wait for the start-up keychain probe (the browser host probes after it listens). */
  keychainStatus: () => KeychainStatus | Promise<KeychainStatus>
  /** Called after a connection is added, so its first sync starts without waiting for the timer. */
  onAdded: (connectionId: string) => void
}

type ConnectionCommand =
  | 'connection/add'
  | 'connection/list'
  | 'connection/remove'
  | 'connection/rename'
  | 'connection/set-tag'
  | 'connection/update-key'
  | 'connection/test'
  | 'connection/activate'
  | 'keychain/status'

export function connectionHandlers(deps: ConnectionHandlerDeps): HandlersFor<ConnectionCommand> {
  const { connections } = deps
  return {
    'connection/add': async (input) => {
      const added = await connections.add(input)
      deps.onAdded(added.id)
      return added
    },
    'connection/list': () => connections.list(),
    'connection/remove': async ({ id, drafts }) => {
      await connections.remove(id, drafts)
      return { id }
    },
    'connection/rename': ({ id, name }) => connections.rename(id, name),
    'connection/set-tag': ({ id, tag }) => connections.setTag(id, tag),
    'connection/update-key': ({ id, apiKey }) => connections.updateKey(id, apiKey),
    'connection/test': (input) => ('id' in input ? connections.testStored(input.id) : connections.check(input.baseUrl, input.apiKey)),
    'connection/activate': ({ id }) => connections.activate(id),
    'keychain/status': () => Promise.resolve(deps.keychainStatus())
  }
}
