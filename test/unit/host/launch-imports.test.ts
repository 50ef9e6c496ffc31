import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * Listen first, warm later (docs/architecture.md): the browser host prints its URL before it loads the core.
 * What `src-main/host/cli.ts` imports statically runs before it listens, so that graph must not reach the core's
 * composition, the database driver or zod (the contract schemas); `host-core.ts` brings them in with import().
 */

const ROOT = join(import.meta.dirname, '../../..')
const ALIASES: Record<string, string> = { '#contract/': 'src-main/contract/', '#core/': 'src-main/core/', '#host/': 'src-main/host/', '#emulator/': 'src-main/emulator/' }
/** Static value imports and re-exports; `import type` and `export type` load nothing at run time. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (files.has(file)) return
    files.add(file)
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const [, specifier = ''] of text.matchAll(STATIC_IMPORT)) {
      const alias = Object.keys(ALIASES).find((prefix) => specifier.startsWith(prefix))
      if (alias !== undefined) visit(`${ALIASES[alias]}${specifier.slice(alias.length)}.ts`)
      else if (specifier.startsWith('.')) visit(resolve('/', dirname(file), specifier).slice(1))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return { files, packages }
}

describe('what the browser host loads before it listens', () => {
  const { files, packages } = staticGraph('src-main/host/cli.ts')

  it('is Node itself and a few zod-free modules of ours: no package, no core composition, no contract schemas', () => {
    const builtins = new Set(builtinModules)
    expect([...packages].filter((p) => !builtins.has(p.replace(/^node:/, '')))).toEqual([])
    expect([...files].filter((f) => /core\/(boot|create-core|store\/)|host\/host-core|contract\/(errors|commands)/.test(f))).toEqual([])
    // 16 since the first paint's page (core/security/first-paint-page.ts and its contract), which the first page needs.
    expect(files.size).toBeLessThan(17)
  })

  it('reads the graph it checks: the host-core module it defers does reach zod and the database', () => {
    const deferred = staticGraph('src-main/host/host-core.ts')
    expect([...deferred.packages]).toEqual(expect.arrayContaining(['zod', 'better-sqlite3']))
    expect(deferred.files.has('src-main/core/boot.ts')).toBe(true)
  })
})
