import { join } from 'node:path'
import { Linter } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import layers from '../../../scripts/eslint-layers.mjs'

const ROOT = join(import.meta.dirname, '../../..')

function lint(file: string, source: string): string[] {
  const linter = new Linter({ configType: 'flat' })
  const messages = linter.verify(
    source,
    [{ files: ['**/*.ts'], plugins: { local: layers }, rules: { 'local/layers': 'error' }, languageOptions: { parser: tseslint.parser, sourceType: 'module' } }],
    { filename: join(ROOT, file) }
  )
  return messages.map((m) => m.message)
}

describe('the layer boundary rule', () => {
  it('lets the core import the contract', () => {
    expect(lint('src-main/core/x.ts', "import { commands } from '#contract/commands'")).toEqual([])
  })

  it('stops the contract from importing the core', () => {
    expect(lint('src-main/contract/x.ts', "import { createCore } from '#core/create-core'")).toEqual([
      'The contract layer must not import from the core layer.'
    ])
  })

  it('stops the core from importing the host through a relative path', () => {
    expect(lint('src-main/core/sync/x.ts', "import { startHttpHost } from '../../host/http-host.ts'")).toEqual([
      'The core layer must not import from the host layer.'
    ])
  })

  it('stops the renderer from importing the core, even for types', () => {
    expect(lint('src-renderer/lib/x.ts', "import type { Core } from '#core/create-core'")).toEqual([
      'The renderer layer must not import from the core layer.'
    ])
  })

  it('keeps the emulator apart from the core it stands in for', () => {
    expect(lint('src-main/emulator/x.ts', "import { CoreError } from '#contract/errors'")).toEqual([
      'The emulator layer must not import from the contract layer.'
    ])
  })

  it('lets the browser host start the emulator for demo mode', () => {
    expect(lint('src-main/host/x.ts', "export { startDemo } from '#emulator/demo'")).toEqual([])
  })

  it('lets the CLI run the core', () => {
    expect(lint('src-main/cli/x.ts', "import { bootCore } from '#core/boot'")).toEqual([])
  })

  it('keeps the CLI off the emulator and the browser host', () => {
    expect(lint('src-main/cli/x.ts', "import { startDemo } from '#emulator/demo'\nimport { startHttpHost } from '../host/http-host.ts'")).toEqual([
      'The cli layer must not import from the emulator layer.',
      'The cli layer must not import from the host layer.'
    ])
  })

  it('stops the core from importing the CLI', () => {
    expect(lint('src-main/core/x.ts', "import { runCli } from '../cli/run-cli.ts'")).toEqual(['The core layer must not import from the cli layer.'])
  })
})
