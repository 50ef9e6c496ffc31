import type { CoreClient } from './core-client.ts'
import { createHttpCoreClient } from './http-core-client.ts'
import { createIpcCoreClient } from './ipc-core-client.ts'
import { coreBridge } from './host-requests.ts'

/**
 * Chosen once at boot, by the one test of which transport reaches the core (host-requests.ts, which the page's first
 * script asks too): nothing else knows whether we run in Electron or a browser.
 */
export function createCoreClient(): CoreClient {
  const bridge = coreBridge(window)
  return bridge === undefined ? createHttpCoreClient() : createIpcCoreClient(bridge)
}
