import { describe, expect, it } from 'vitest'
import { formatReport } from '../../../bench/table.ts'

describe('npm run bench table (bench/table.ts)', () => {
  it('prints a path measured cold and warm as one Markdown row, its target judged on both', () => {
    const text = formatReport([{
      title: 'Fleet', file: 'ui-fleet', results: [
        { name: 'paint, cold', figure: 'fresh page → Fleet rows painted', phase: 'cold', value: 1259, unit: 'ms', target: '≤ 500 ms', ok: false },
        { name: 'paint, warm', figure: 'fresh page → Fleet rows painted', phase: 'warm', value: 420, unit: 'ms', target: '≤ 500 ms', ok: true },
        { name: 'cluster/list answer', value: 697, unit: 'KB' }
      ]
    }], '2 × test CPU')
    const lines = text.split('\n')
    expect(lines[0]).toBe('machine: 2 × test CPU')
    expect(lines).toContain('| path | cold | warm | target | |')
    expect(lines).toContain('| fresh page → Fleet rows painted | 1,259 ms | 420 ms | ≤ 500 ms | MISSED (cold) |')
    expect(lines.filter((l) => l.includes('Fleet rows painted'))).toHaveLength(1)
    expect(lines.find((l) => l.includes('cluster/list answer'))).toMatch(/Fleet\s+cluster\/list answer\s+697 KB/)
  })

  it('names the bench file after a figure that gives no path of its own, and shows a missing phase as a dash', () => {
    const text = formatReport([{
      title: 'Sync', file: 'sync-large', results: [{ name: 'first sync wall ÷ floor', phase: 'cold', value: 1.18, unit: '×', target: '≤ 1.15', ok: false }]
    }], 'm')
    expect(text).toContain('| first sync wall ÷ floor (`sync-large`) | 1.180 × | — | ≤ 1.15 | MISSED (cold) |')
  })
})
