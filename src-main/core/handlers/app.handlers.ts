import type { HandlersFor } from './types.ts'

export type AppHandlerDeps = {
  version: string
  runtime: 'electron' | 'browser'
  dataDir: string
}

export function appHandlers(deps: AppHandlerDeps): HandlersFor<'app/info'> {
  return {
    'app/info': () =>
      Promise.resolve({ version: deps.version, runtime: deps.runtime, dataDir: deps.dataDir })
  }
}
