import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { machineDescription, type Benchmark, type BenchResult } from './lib.ts'

/** Runs every `bench/*.bench.ts` (or those named on the command line), prints a table, writes latest.json. */
async function main(): Promise<void> {
  const dir = import.meta.dirname
  const only = process.argv.slice(2)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
  const report: { title: string; results: BenchResult[] }[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { benchmark: Benchmark }
    process.stdout.write(`running ${mod.benchmark.title} …\n`)
    report.push({ title: mod.benchmark.title, results: await mod.benchmark.run() })
  }
  const machine = machineDescription()
  printTable(report, machine)
  mkdirSync(join(dir, 'results'), { recursive: true })
  writeFileSync(
    join(dir, 'results', 'latest.json'),
    JSON.stringify({ date: new Date().toISOString(), machine, report }, null, 2) + '\n'
  )
  const failed = report.flatMap((r) => r.results).filter((r) => r.ok === false)
  if (failed.length > 0) {
    process.stdout.write(`${failed.length} figure(s) missed their target\n`)
    process.exitCode = 1
  }
}

function printTable(report: { title: string; results: BenchResult[] }[], machine: string): void {
  const rows = report.flatMap((r) =>
    r.results.map((x) => [
      r.title,
      x.name,
      `${formatNumber(x.value)} ${x.unit}`,
      x.target ?? '',
      x.ok === undefined ? '' : x.ok ? 'ok' : 'MISSED',
      x.notes ?? ''
    ])
  )
  const header = ['benchmark', 'figure', 'value', 'target', '', 'notes']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  process.stdout.write(`\nmachine: ${machine}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`)
  for (const row of rows) process.stdout.write(line(row) + '\n')
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1)
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exitCode = 1
})
