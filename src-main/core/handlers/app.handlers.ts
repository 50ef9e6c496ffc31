import { CoreError } from '#contract/errors'
import type { DemoOrganization } from '../connections/demo-connection.ts'
import type { Invoke } from '../dispatch.ts'
import { connectDemo } from '../connections/demo-connection.ts'
import type { HandlersFor } from './types.ts'

type AppHandlerDeps = {
  version: string
  runtime: 'electron' | 'browser'
  dataDir: string
  /** Given by a host that embeds the demo emulator; resolves the demo's address and key. */
  startDemo?: () => Promise<DemoOrganization>
  invoke: () => Invoke
}

export function appHandlers(deps: AppHandlerDeps): HandlersFor<'app/info' | 'demo/start'> {
  const { startDemo } = deps
  return {
    'app/info': () =>
      Promise.resolve({ version: deps.version, runtime: deps.runtime, dataDir: deps.dataDir, demoAvailable: startDemo !== undefined }),
    'demo/start': async () => {
      if (startDemo === undefined) throw new CoreError('not-found', 'This host has no demo organization: start it with `npm run demo`.')
      return { connectionId: await connectDemo(deps.invoke())(await startDemo()) }
    }
  }
}
