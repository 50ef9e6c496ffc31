import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { machineDescription, type Benchmark } from './lib.ts'
import { formatReport, type BenchReport } from './table.ts'

/** Runs every `bench/*.bench.ts` (or those named on the command line), prints the cold/warm table, writes latest.json. */
async function main(): Promise<void> {
  const dir = import.meta.dirname
  const only = process.argv.slice(2)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
  const report: BenchReport[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { benchmark: Benchmark }
    process.stdout.write(`running ${mod.benchmark.title} …\n`)
    const name = file.replace(/\.bench\.ts$/, '')
    // One benchmark that throws (a loaded machine, a timeout) is a missed figure, not the end of the whole run.
    const results = await mod.benchmark.run().catch((error: unknown) => [
      { name: 'did not finish', value: Number.NaN, unit: '', ok: false, notes: error instanceof Error ? error.message : String(error) }
    ])
    report.push({ title: mod.benchmark.title, file: name, results })
  }
  const machine = machineDescription()
  process.stdout.write('\n' + formatReport(report, machine))
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

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exitCode = 1
})
