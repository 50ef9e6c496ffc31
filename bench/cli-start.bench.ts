import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { parseDocument } from 'yaml'
import { createTestCore } from '../test/fakes/test-core.ts'
import { seedCache } from './fleet-plan.bench.ts'
import { median, type Benchmark, type BenchResult } from './lib.ts'

const root = resolve(import.meta.dirname, '..')
const STATUS_TARGET_MS = 500
const PLAN_TARGET_MS = 300
const WARM_RUNS = 5
/** Every tenth cluster's retention is edited in the file, so the plan has 100 changes to diff. */
const EDIT_EVERY = 10

/** One `backup-desk …` process as a user runs it (bin/backup-desk.mjs, build check included): start → exit, in ms. */
function timeCli(args: string[], expectedCode: number): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, [join(root, 'bin', 'backup-desk.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BACKUP_DESK_API_KEY: '' } })
  const ms = performance.now() - started
  if (run.status !== expectedCode) throw new Error(`backup-desk ${args.join(' ')} exited ${String(run.status)}: ${run.stderr}`)
  return ms
}

/** A data folder holding 1,000 Dedicated clusters with policies, and a policy file exported from it with 100 edits. */
async function prepare(): Promise<{ dataDir: string; file: string }> {
  const core = createTestCore()
  try {
    seedCache(core)
    const exported = await core.invoke('policy/export', { format: 'yaml', connectionId: 'bench-plan' })
    if (!exported.ok) throw new Error(exported.error.message)
    const doc = parseDocument(exported.value.content)
    const count = exported.value.clusters
    for (let i = 0; i < count; i += EDIT_EVERY) doc.setIn(['clusters', i, 'policy'], { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '04:00-06:00', retentionDays: 30 })
    const file = join(core.dataDir, 'policies.yaml')
    writeFileSync(file, doc.toString({ lineWidth: 0 }))
    return { dataDir: core.dataDir, file }
  } finally {
    await core.close()
  }
}

/** Node itself: spawn → exit of `node -e 0`, what any CLI run pays before our code runs. */
function timeBareNode(): number {
  const started = performance.now()
  spawnSync(process.execPath, ['-e', '0'])
  return performance.now() - started
}

function series(name: string, args: string[], code: number, target: number): BenchResult[] {
  const load = `load avg ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores`
  // Cold: the first process on this data folder and file, before any run of ours warmed the page cache for them.
  const cold = timeCli(args, code)
  // Interleaved with a bare Node start, so that both see the same load: the ratio is what survives a loaded machine.
  const warm: number[] = []
  const bare: number[] = []
  for (let run = 0; run < WARM_RUNS; run++) {
    bare.push(timeBareNode())
    warm.push(timeCli(args, code))
  }
  return [
    { name: `${name}: cold (first process)`, figure: `CLI ${name}, start → exit (\`cli-start.bench.ts\`)`, phase: 'cold', value: Math.round(cold), unit: 'ms', target: `≤ ${target} ms`, ok: cold <= target, notes: load },
    { name: `${name}: median of ${WARM_RUNS}`, figure: `CLI ${name}, start → exit (\`cli-start.bench.ts\`)`, phase: 'warm', value: Math.round(median(warm)), unit: 'ms', target: `≤ ${target} ms`, ok: median(warm) <= target, notes: `max ${Math.max(...warm).toFixed(0)} ms; ${load}` },
    { name: `${name} ÷ node -e 0 (warm medians)`, value: median(warm) / median(bare), unit: '×', notes: `node -e 0: median ${median(bare).toFixed(0)} ms; machine-independent: what our code adds to a bare Node start` }
  ]
}

export const benchmark: Benchmark = {
  title: 'CLI start to exit (bin/backup-desk.mjs → out/node/backup-desk.mjs), 1,000 clusters',
  async run(): Promise<BenchResult[]> {
    if (spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: ['ignore', 2, 2] }).status !== 0) throw new Error('the build failed')
    const { dataDir, file } = await prepare()
    return [
      ...series('status --json', ['--data-dir', dataDir, 'status', '--json'], 0, STATUS_TARGET_MS),
      ...series(`plan of a 1,000-cluster file (${1000 / EDIT_EVERY} changes)`, ['--data-dir', dataDir, 'plan', file], 2, PLAN_TARGET_MS)
    ]
  }
}
