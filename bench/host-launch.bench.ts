import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { median, type Benchmark, type BenchResult } from './lib.ts'

const root = resolve(import.meta.dirname, '..')
const TARGET_MS = 700
const RUNS = 5
const HOST_FIGURE = 'host launch → URL printed, compiled `out/node/host.mjs` (`host-launch`)'
const BARE_FIGURE = 'a bare `node -e 0` on the same machine, for scale (`host-launch`)'

/** A fresh host process on a fresh data directory: spawn → its URL printed, in milliseconds. */
export async function timeHostLaunch(args: string[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backup-desk-bench-launch-'))
  const start = performance.now()
  const child = spawn(process.execPath, [...args, '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    return await new Promise<number>((done, fail) => {
      let printed = ''
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString()
        if (printed.includes('running at')) done(performance.now() - start)
      })
      child.once('exit', (code) => fail(new Error(`the host exited with ${code} before printing its URL`)))
    })
  } finally {
    child.kill('SIGTERM')
  }
}

/** Node itself: spawn → exit of `node -e 0`, what any launch pays before our code runs. */
async function timeBareNode(): Promise<number> {
  const start = performance.now()
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
  await new Promise((done) => child.once('exit', done))
  return performance.now() - start
}

export const benchmark: Benchmark = {
  title: 'Host launch (npm start / npm run web without a rebuild)',
  async run(): Promise<BenchResult[]> {
    const compiled = ['out/node/host.mjs']
    // Cold: the first launch after the build, before the OS has the bundle in its page cache from a run of ours.
    const cold = await timeHostLaunch(compiled)
    const coldBare = await timeBareNode()
    // Interleaved, so that both see the same machine load; the ratio is what survives a loaded machine.
    const warm: number[] = []
    const bare: number[] = []
    for (let run = 0; run < RUNS; run++) {
      bare.push(await timeBareNode())
      warm.push(await timeHostLaunch(compiled))
    }
    const transpiled: number[] = []
    for (let run = 0; run < 3; run++) transpiled.push(await timeHostLaunch(['--import', 'tsx', 'src-main/host/cli.ts']))
    const ratio = median(warm) / median(bare)
    return [
      { name: 'host launch → URL printed, cold (first launch)', figure: HOST_FIGURE, phase: 'cold', value: Math.round(cold), unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: cold <= TARGET_MS },
      { name: `host launch → URL printed, warm (median of ${RUNS})`, figure: HOST_FIGURE, phase: 'warm', value: Math.round(median(warm)), unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: median(warm) <= TARGET_MS, notes: `max ${Math.max(...warm).toFixed(0)} ms` },
      { name: 'node -e 0, first', figure: BARE_FIGURE, phase: 'cold', value: Math.round(coldBare), unit: 'ms' },
      { name: `node -e 0, median of ${RUNS}`, figure: BARE_FIGURE, phase: 'warm', value: Math.round(median(bare)), unit: 'ms' },
      { name: 'host launch ÷ node -e 0 (warm medians)', value: ratio, unit: '×', notes: 'machine-independent: what our code adds to a bare Node start' },
      { name: 'the same host through tsx (median of 3)', value: Math.round(median(transpiled)), unit: 'ms', notes: 'TypeScript transpiled at launch, for comparison' }
    ]
  }
}
