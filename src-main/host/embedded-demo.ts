import type { DemoOrganization } from '#core/connections/demo-connection'
import type { RunningEmulator } from '#emulator/index'

export type EmbeddedDemo = {
  /** Starts the demo emulator on first use (later calls reuse it) and says how to connect to it. */
  start(): Promise<DemoOrganization>
  close(): Promise<void>
}

/**
 * The demo organization inside the browser host: `--demo` starts it at launch, and "Try the demo organization"
 * (`demo/start`) starts it on demand. The emulator's code is imported only then, so a launch without the demo
 * does not load it.
 */
export function embeddedDemo(): EmbeddedDemo {
  let running: Promise<RunningEmulator> | null = null
  return {
    async start() {
      running ??= import('#emulator/index').then(({ startEmulator }) => startEmulator({ seed: 'demo', jobDurationMs: 45_000 }))
      const emulator = await running
      const { DEMO_CONNECTION_NAME } = await import('#emulator/demo')
      return { name: DEMO_CONNECTION_NAME, baseUrl: emulator.url, apiKey: emulator.apiKey }
    },
    async close() {
      if (running !== null) await (await running).close()
    }
  }
}
