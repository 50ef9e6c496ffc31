// A local ESLint rule that keeps the one direction of dependency (docs/architecture.md#layers):
// contract ← core ← electron / host / cli; the renderer imports only the contract; the emulator stands alone.
// Each import (relative or a package.json "#alias") is resolved to the layer it lands in.
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const LAYER_DIRS = {
  contract: 'src-main/contract',
  core: 'src-main/core',
  electron: 'src-main/electron',
  host: 'src-main/host',
  cli: 'src-main/cli',
  emulator: 'src-main/emulator',
  renderer: 'src-renderer'
}
const ALIASES = { '#contract/': 'contract', '#core/': 'core', '#host/': 'host', '#emulator/': 'emulator' }

/** Which layers each layer may import (itself included). */
export const ALLOWED = {
  contract: ['contract'],
  core: ['contract', 'core'],
  electron: ['contract', 'core', 'electron', 'emulator'],
  host: ['contract', 'core', 'host', 'emulator'],
  /** The `backup-desk` command: the core and nothing of the app's other hosts, never the emulator. */
  cli: ['contract', 'core', 'cli'],
  emulator: ['emulator'],
  renderer: ['contract', 'renderer']
}

function layerOfFile(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/')
  for (const [layer, dir] of Object.entries(LAYER_DIRS)) {
    if (rel === dir || rel.startsWith(dir + '/')) return layer
  }
  return null
}

function layerOfImport(source, fromFile) {
  for (const [prefix, layer] of Object.entries(ALIASES)) if (source.startsWith(prefix)) return layer
  if (source.startsWith('.')) return layerOfFile(path.resolve(path.dirname(fromFile), source))
  return null
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow contract ← core ← electron/host/cli; the renderer imports only the contract.' },
    schema: []
  },
  create(context) {
    const from = layerOfFile(context.filename)
    if (from === null) return {}
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return
      const to = layerOfImport(node.source.value, context.filename)
      if (to !== null && !ALLOWED[from].includes(to)) {
        context.report({ node: node.source, message: `The ${from} layer must not import from the ${to} layer.` })
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  }
}

export default { rules: { layers: layersRule } }
