import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { median, type Benchmark, type BenchResult } from './lib.ts'

const root = resolve(import.meta.dirname, '..')
const TARGET_MS = 700

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

export const benchmark: Benchmark = {
  title: 'Host launch (npm start / npm run web without a rebuild)',
  async run(): Promise<BenchResult[]> {
    const compiled = ['out/node/host.mjs']
    // Cold: the first launch after the build, before the OS has the bundle in its page cache from a run of ours.
    const cold = await timeHostLaunch(compiled)
    const warm: number[] = []
    for (let run = 0; run < 5; run++) warm.push(await timeHostLaunch(compiled))
    const transpiled: number[] = []
    for (let run = 0; run < 3; run++) transpiled.push(await timeHostLaunch(['--import', 'tsx', 'src-main/host/cli.ts']))
    return [
      { name: 'host launch → URL printed, cold (first launch)', value: cold, unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: cold <= TARGET_MS },
      { name: 'host launch → URL printed, warm (median of 5)', value: median(warm), unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: median(warm) <= TARGET_MS, notes: `max ${Math.max(...warm).toFixed(0)} ms` },
      { name: 'the same host through tsx (median of 3)', value: median(transpiled), unit: 'ms', notes: 'TypeScript transpiled at launch, for comparison' }
    ]
  }
}
