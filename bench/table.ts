import type { BenchResult } from './lib.ts'

export type BenchReport = { title: string; file: string; results: BenchResult[] }

type PathRow = { figure: string; cold?: BenchResult; warm?: BenchResult }

/**
 * The cold/warm table in the README's shape (README.md, "Performance"): one Markdown row per path, its cold figure
 * beside its warm one, ready to paste. Every other figure (sizes, counts, ratios without a phase) follows in a
 * plain table with its notes.
 */
export function formatReport(report: readonly BenchReport[], machine: string): string {
  const paths = new Map<string, PathRow>()
  const others: string[][] = []
  for (const { title, file, results } of report) {
    for (const result of results) {
      if (result.phase === undefined) {
        others.push([title, result.name, valueText(result), result.target ?? '', verdict([result]), result.notes ?? ''])
        continue
      }
      const figure = result.figure ?? `${result.name} (\`${file}\`)`
      const row = paths.get(figure) ?? { figure }
      row[result.phase] = result
      paths.set(figure, row)
    }
  }
  const lines = [`machine: ${machine}`, '', '| path | cold | warm | target | |', '|---|---|---|---|---|']
  for (const row of paths.values()) {
    const both = [row.cold, row.warm].filter((r): r is BenchResult => r !== undefined)
    const target = both.find((r) => r.target !== undefined)?.target ?? ''
    lines.push(`| ${row.figure} | ${row.cold === undefined ? '—' : valueText(row.cold)} | ${row.warm === undefined ? '—' : valueText(row.warm)} | ${target} | ${verdict(both)} |`)
  }
  const notes = [...paths.values()].flatMap((row) =>
    [row.cold, row.warm].filter((r): r is BenchResult => r?.notes !== undefined).map((r) => `- ${row.figure}, ${r.phase ?? ''}: ${r.notes ?? ''}`)
  )
  if (notes.length > 0) lines.push('', ...notes)
  if (others.length > 0) lines.push('', 'other figures:', ...alignedTable(['benchmark', 'figure', 'value', 'target', '', 'notes'], others))
  return lines.join('\n') + '\n'
}

function verdict(results: readonly BenchResult[]): string {
  const judged = results.filter((r) => r.ok !== undefined)
  if (judged.length === 0) return ''
  return judged.every((r) => r.ok === true) ? 'ok' : `MISSED (${judged.filter((r) => r.ok === false).map((r) => r.phase ?? r.name).join(', ')})`
}

function valueText(result: BenchResult): string {
  const { value, unit } = result
  const number = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 10 ? 3 : 1)
  if (unit === '') return number
  return unit === '×' ? `${number} ×` : `${number} ${unit}`
}

function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
}
