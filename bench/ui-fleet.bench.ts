import { chromium, type Browser } from 'playwright-core'
import { startEmulator } from '../src-main/emulator/index.ts'
import { hostRpc, startHostProcess } from '../scripts/host-process.ts'
import { median, type Benchmark, type BenchResult } from './lib.ts'

const TOKEN = 'bench-token'
const TARGET_MS = 500
const FLEET_FIGURE = 'fresh page → Fleet rows painted, 1,000 cached clusters (`ui-fleet`)'

// Runs in the page before any of its scripts: notes when the first Fleet row is painted, from navigation start.
const PAINT_PROBE = `(() => {
  const poll = () => {
    if (document.querySelector('[data-testid="cluster-row"]') !== null) {
      requestAnimationFrame(() => setTimeout(() => { window.__fleetPainted = performance.now() }))
    } else requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
})()`

/** A fresh page in a fresh browser context (empty HTTP cache): navigation start → first Fleet row painted. */
async function freshPageLoad(browser: Browser, base: string): Promise<{ ms: number; rows: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(PAINT_PROBE)
    await page.goto(`${base}/?token=${TOKEN}#/fleet`)
    const ms = await page.evaluate<number>(`new Promise((done) => {
      const wait = () => (window.__fleetPainted === undefined ? setTimeout(wait, 5) : done(window.__fleetPainted))
      wait()
    })`)
    return { ms, rows: await page.getByTestId('cluster-row').count() }
  } finally {
    await context.close()
  }
}

export const benchmark: Benchmark = {
  title: 'Fleet in Chromium with 1,000 cached clusters',
  async run(): Promise<BenchResult[]> {
    const emulator = await startEmulator({ seed: 'large:1000:3', port: 0, rateLimit: 100_000 })
    const port = 5900 + Math.floor(Math.random() * 100)
    const host = await startHostProcess({ port, token: TOKEN, dataDirPrefix: 'backup-desk-bench-fleet-' })
    const base = `http://127.0.0.1:${port}`
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
    })
    try {
      await hostRpc(base, TOKEN, 'connection/add', { name: 'Large org', baseUrl: emulator.url, apiKey: emulator.apiKey })
      await hostRpc(base, TOKEN, 'sync/run', {})
      const listBytes = Buffer.byteLength(JSON.stringify(await hostRpc(base, TOKEN, 'cluster/list', {})))
      // Cold: the first page the host serves after its sync, nothing warmed up by an earlier page.
      const cold = await freshPageLoad(browser, base)
      const warm: number[] = []
      for (let run = 0; run < 5; run++) warm.push((await freshPageLoad(browser, base)).ms)
      return [
        { name: 'fresh page → Fleet rows painted, cold (first page)', figure: FLEET_FIGURE, phase: 'cold', value: cold.ms, unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: cold.ms <= TARGET_MS },
        { name: 'fresh page → Fleet rows painted, warm (median of 5)', figure: FLEET_FIGURE, phase: 'warm', value: median(warm), unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: median(warm) <= TARGET_MS, notes: `max ${Math.max(...warm).toFixed(1)} ms` },
        { name: 'cluster rows in the DOM', value: cold.rows, unit: 'rows', notes: 'windowed: rows in view + overscan' },
        { name: 'cluster/list answer', value: Math.round(listBytes / 1024), unit: 'KB', notes: '1,000 clusters' }
      ]
    } finally {
      await browser.close()
      host.child.kill('SIGTERM')
      await emulator.close()
    }
  }
}
