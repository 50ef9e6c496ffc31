import type { RunningEmulator } from './index.ts'

/** How to connect to the demo emulator: the shape of the core's `DemoOrganization` (the emulator imports no core). */
export type DemoConnectionInfo = { name: string; baseUrl: string; apiKey: string }

export type EmbeddedDemo = {
  /** Starts the demo emulator on first use (later calls reuse it) and says how to connect to it. */
  start(): Promise<DemoConnectionInfo>
  close(): Promise<void>
}

/**
 * The demo organization inside an app host — the browser host and Electron's main process alike: `--demo` starts
 * it at launch, and "Try the demo organization" (`demo/start`) starts it on demand. The emulator's code is imported
 * only then, so a launch without the demo does not load it.
 */
export function embeddedDemo(): EmbeddedDemo {
  let running: Promise<RunningEmulator> | null = null
  return {
    async start() {
      running ??= import('./index.ts').then(({ startEmulator }) => startEmulator({ seed: 'demo', jobDurationMs: 45_000 }))
      const emulator = await running
      const { DEMO_CONNECTION_NAME } = await import('./demo.ts')
      return { name: DEMO_CONNECTION_NAME, baseUrl: emulator.url, apiKey: emulator.apiKey }
    },
    async close() {
      if (running !== null) await (await running).close()
    }
  }
}
