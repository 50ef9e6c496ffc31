import os from 'node:os'

/**
 * One measured figure. `ok` is set when the figure has a target. A path measured both as a user first meets it
 * (`phase: 'cold'`: a fresh process or page, no warm-up) and again (`'warm'`) names the same `figure` on both
 * results: `npm run bench` prints them side by side in one row (bench/table.ts).
 */
export type BenchResult = {
  name: string
  value: number
  unit: string
  target?: string
  ok?: boolean
  notes?: string
  figure?: string
  phase?: 'cold' | 'warm'
}

export type Benchmark = {
  title: string
  run(): Promise<BenchResult[]>
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

/** Runs `fn` `runs` times after `warmup` untimed runs; returns each run's milliseconds. */
export async function timeRuns(fn: () => Promise<void> | void, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return times
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`
}
