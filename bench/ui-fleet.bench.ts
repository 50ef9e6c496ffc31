import { startEmulator } from '../src-main/emulator/index.ts'
import { hostRpc, startHostProcess } from '../scripts/host-process.ts'
import { bareScale, coldSamples, freshPageLoad, firstWindowResult, inFreshBrowsers, launchBenchBrowser, OWN_FLEET_ROW, startBarePage } from './browser-timing.ts'
import { median, type Benchmark, type BenchResult } from './lib.ts'
import { FLEET_FIRST_ROWS, firstFleetWindowInput } from '../src-renderer/lib/state/fleet-window-request.ts'

const TOKEN = 'bench-token'
const TARGET_MS = 500
const FLEET_FIGURE = 'fresh page → Fleet rows painted, 1,000 cached clusters (`ui-fleet`)'

const ROW = '[data-testid="cluster-row"]'

export const benchmark: Benchmark = {
  title: 'Fleet in Chromium with 1,000 cached clusters',
  async run(): Promise<BenchResult[]> {
    const emulator = await startEmulator({ seed: 'large:1000:3', port: 0, rateLimit: 100_000 })
    const port = 5900 + Math.floor(Math.random() * 100)
    const host = await startHostProcess({ port, token: TOKEN, dataDirPrefix: 'backup-desk-bench-fleet-' })
    const base = `http://127.0.0.1:${port}`
    const browser = await launchBenchBrowser()
    const barePage = await startBarePage()
    const fleetUrl = `${base}/?token=${TOKEN}#/fleet`
    try {
      await hostRpc(base, TOKEN, 'connection/add', { name: 'Large org', baseUrl: emulator.url, apiKey: emulator.apiKey })
      await hostRpc(base, TOKEN, 'sync/run', {})
      // Cold: a fresh browser's first page of ours (in a window that had settled, openWindow), nothing warmed up by an
      // earlier page or call; the first is also the first page the host serves after its sync. Then as many in each
      // browser's first window, for comparison.
      const colds = await inFreshBrowsers((fresh) => freshPageLoad(fresh, fleetUrl, { painted: ROW, count: ROW, own: OWN_FLEET_ROW }))
      const firstWindows = await inFreshBrowsers(async (fresh) => (await freshPageLoad(fresh, fleetUrl, { painted: ROW, count: ROW }, undefined, 'first window')).ms)
      const cold = colds[0]!
      const coldMs = median(colds.map((load) => load.ms))
      const coldOwn = colds.map((load) => load.ownMs ?? Number.NaN)
      const warm: number[] = []
      const warmOwn: number[] = []
      const bare: number[] = []
      // This browser's first page, untimed: the cold pages run in browsers of their own now, and the first bare page
      // would otherwise carry a browser's first-page cost that the warm pages it is set beside do not.
      await barePage.load(browser)
      for (let run = 0; run < 5; run++) {
        bare.push(await barePage.load(browser))
        const load = await freshPageLoad(browser, fleetUrl, { painted: ROW, count: ROW, own: OWN_FLEET_ROW })
        warm.push(load.ms)
        warmOwn.push(load.ownMs ?? Number.NaN)
      }
      const bytesOf = async (name: string, input: unknown): Promise<number> => Buffer.byteLength(JSON.stringify(await hostRpc(base, TOKEN, name, input)))
      const firstBytes = await bytesOf('cluster/list-window', firstFleetWindowInput())
      const listBytes = await bytesOf('cluster/list', {})
      const statusBytes = await bytesOf('cluster/status', {})
      return [
        { name: 'fresh page → Fleet rows painted, cold (a fresh browser\'s first page of ours)', figure: FLEET_FIGURE, phase: 'cold', value: coldMs, unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: coldMs <= TARGET_MS, notes: coldSamples(colds.map((load) => load.ms)) },
        firstWindowResult('fresh page → Fleet rows painted, cold', firstWindows),
        { name: 'fresh page → Fleet rows painted, warm (median of 5)', figure: FLEET_FIGURE, phase: 'warm', value: median(warm), unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: median(warm) <= TARGET_MS, notes: `max ${Math.max(...warm).toFixed(1)} ms` },
        { name: "fresh page → the app's own rows shown (first paint taken over, input answered), cold", value: median(coldOwn), unit: 'ms', notes: coldSamples(coldOwn) },
        { name: "fresh page → the app's own rows shown, warm (median of 5)", value: median(warmOwn), unit: 'ms', notes: `max ${Math.max(...warmOwn).toFixed(1)} ms` },
        { name: 'cluster rows in the DOM', value: cold.count, unit: 'rows', notes: 'windowed: rows in view + overscan, once the page\'s calls are answered' },
        // A screen mounted twice sends its reads twice (App.svelte keys the screen by ConnectionsState.screenGeneration).
        { name: 'cluster/list calls of a fresh page', value: cold.rpcs.filter((name) => name === 'cluster/list').length, unit: 'calls', notes: `order: ${cold.rpcs.join(', ')}` },
        // What the first paint waits for: the first rows, the projects' sizes and the summary (cluster/list-window).
        { name: 'first read (cluster/list-window) answer', value: Math.round(firstBytes / 1024), unit: 'KB', notes: `${FLEET_FIRST_ROWS} rows of 1,000; the whole cluster/list follows the first paint` },
        { name: 'cluster/list answer', value: Math.round(listBytes / 1024), unit: 'KB', notes: `1,000 clusters; cluster/status (every figure, the CLI's) ${Math.round(statusBytes / 1024)} KB` },
        ...bareScale('Fleet rows painted', warm, bare)
      ]
    } finally {
      await barePage.close()
      await browser.close()
      host.child.kill('SIGTERM')
      await emulator.close()
    }
  }
}
