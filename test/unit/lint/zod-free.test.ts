import { join } from 'node:path'
import { Linter } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import zodFree from '../../../scripts/eslint-zod-free.mjs'

const ROOT = join(import.meta.dirname, '../../..')

function lint(file: string, source: string): string[] {
  const linter = new Linter({ configType: 'flat' })
  const messages = linter.verify(
    source,
    [{ files: ['**/*.ts'], plugins: { bundle: zodFree }, rules: { 'bundle/zod-free': 'error' }, languageOptions: { parser: tseslint.parser, sourceType: 'module' } }],
    { filename: join(ROOT, file) }
  )
  return messages.map((m) => m.message)
}

describe('the zod-free renderer rule (scripts/eslint-zod-free.mjs)', () => {
  it('stops the renderer from importing a value of a contract module that imports zod', () => {
    const [message] = lint('src-renderer/lib/x.ts', "import { clusterCommands } from '#contract/commands/cluster'")
    expect(message).toContain('src-main/contract/commands/cluster.ts imports zod')
  })

  it('names the chain when zod comes in through another contract module', () => {
    const [message] = lint('src-renderer/lib/x.ts', "import { commands } from '#contract/commands'")
    expect(message).toMatch(/src-main\/contract\/commands\.ts → src-main\/contract\/\S+\.ts/)
  })

  it('lets the renderer import types from any contract module', () => {
    expect(lint('src-renderer/lib/x.ts', "import type { ClusterSummary } from '#contract/commands/cluster'")).toEqual([])
    expect(lint('src-renderer/lib/x.ts', "import { type ClusterSummary } from '#contract/commands/cluster'")).toEqual([])
  })

  it('lets the renderer import values of the zod-free modules', () => {
    expect(lint('src-renderer/lib/x.ts', "import { FILE_TEXT_MAX } from '#contract/limits'\nimport { isEventName } from '#contract/event-names'")).toEqual([])
  })

  it('leaves the core free to use the schemas', () => {
    expect(lint('src-main/core/x.ts', "import { clusterCommands } from '#contract/commands/cluster'")).toEqual([])
  })
})
