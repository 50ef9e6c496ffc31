import type { CoreBridge } from '#contract/bridge'
import type { CoreClient } from './core-client.ts'
import { createHttpCoreClient } from './http-core-client.ts'
import { createIpcCoreClient } from './ipc-core-client.ts'

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- only an interface can extend Window
  interface Window {
    /** Present only under Electron, exposed by the preload. */
    core?: CoreBridge
  }
}

/** Chosen once at boot: the only place that knows whether we run in Electron or a browser. */
export function createCoreClient(): CoreClient {
  return window.core === undefined ? createHttpCoreClient() : createIpcCoreClient(window.core)
}
