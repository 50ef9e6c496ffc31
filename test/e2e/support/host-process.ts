import { startHostProcess, type HostProcess as RunningHost } from '../../../scripts/host-process.ts'
import { repoRoot } from './paths.ts'

/**
 * A browser host of the test's own (the built renderer and out/node/host.mjs, which the webServer of
 * test/playwright.config.ts builds), so a test can stop and restart it on the same data directory.
 * Started through scripts/host-process.ts, the one launcher the screenshots and benchmarks use too.
 */
export class HostProcess {
  private running: RunningHost | null = null

  constructor(
    readonly port: number,
    readonly token: string,
    readonly dataDir: string,
    /** Extra environment, e.g. a D-Bus address that does not exist to force the memory-only keychain. */
    readonly env: Record<string, string> = {}
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.running = await startHostProcess({ port: this.port, token: this.token, dataDir: this.dataDir, env: this.env, root: repoRoot() })
  }

  async stop(): Promise<void> {
    const running = this.running
    this.running = null
    await running?.stop()
  }
}
