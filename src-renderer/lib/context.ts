import { getContext } from 'svelte'
import type { CoreClient } from './core-client/core-client.ts'

const CORE_KEY = Symbol('core-client')

/** The context `mount` starts the app with: the client is provided once, at boot. */
export function rootContext(client: CoreClient): Map<symbol, unknown> {
  return new Map([[CORE_KEY, client]])
}

export function useCoreClient(): CoreClient {
  const client = getContext<CoreClient | undefined>(CORE_KEY)
  if (client === undefined) throw new Error('No CoreClient in context: mount the app through main.ts.')
  return client
}
