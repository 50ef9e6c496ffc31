import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'
import { repoRoot } from './timeline-page.ts'

/** The Drafts screen. */
export class DraftsPage {
  readonly heading: Locator
  readonly pushSelected: Locator
  readonly cards: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Drafts' })
    this.pushSelected = page.getByRole('button', { name: /^Push selected/ })
    this.cards = page.getByTestId('draft-card')
  }

  async open(baseUrl = '', token = E2E_TOKEN): Promise<void> {
    await this.page.goto(`${baseUrl}/?token=${token}#/drafts`)
    await this.heading.waitFor()
  }

  card(clusterName: string): Locator {
    return this.page.getByRole('article', { name: clusterName, exact: true })
  }

  state(clusterName: string): Locator {
    return this.card(clusterName).getByTestId('draft-state')
  }

  diffRow(clusterName: string, field: string): Locator {
    return this.card(clusterName).getByTestId('diff-row').filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) })
  }

  push(clusterName: string): Locator {
    return this.card(clusterName).getByRole('button', { name: `Push the draft for ${clusterName}` })
  }

  select(clusterName: string): Locator {
    return this.card(clusterName).getByRole('checkbox', { name: `Select the draft for ${clusterName}` })
  }

  /** A row of the three-way conflict view (base, remote now, mine) by field label. */
  mergeRow(clusterName: string, field: string): Locator {
    return this.card(clusterName).getByTestId('merge-row').filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) })
  }

  action(clusterName: string, name: 'Apply choices' | 'Take remote' | 'Edit'): Locator {
    return this.card(clusterName).getByRole(name === 'Edit' ? 'link' : 'button', { name, exact: true })
  }
}

export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  server.close()
  await once(server, 'close')
  return port
}

/** A browser host of its own (the built renderer), so a test can stop and restart it on the same data dir. */
export class HostProcess {
  private child: ChildProcess | null = null

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
    const child = spawn(process.execPath, ['scripts/web.mjs', '--no-build', '--port', String(this.port), '--token', this.token, '--data-dir', this.dataDir], {
      cwd: repoRoot(),
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    this.child = child
    let output = ''
    await new Promise<void>((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`The host did not start: ${output}`)), 30_000)
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        if (output.includes(`127.0.0.1:${this.port}`)) {
          clearTimeout(timer)
          resolveStart()
        }
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`The host exited with ${String(code)}: ${output}`))
      })
    })
  }

  async stop(): Promise<void> {
    const child = this.child
    if (child === null || child.exitCode !== null) return
    this.child = null
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await exited
  }
}
