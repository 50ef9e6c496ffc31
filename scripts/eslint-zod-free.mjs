// A local ESLint rule that keeps zod out of the renderer's bundle (docs/architecture.md#layers: the renderer imports only the
// contract, and only its zod-free modules at run time; types are free). A value import from src-renderer is
// followed through the contract's own value imports; reaching a module that imports zod is an error. One slip
// (a limit imported from a command module) once put 20 KB gzip of zod into a renderer chunk (bench/ui-backups).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const CONTRACT = path.join(ROOT, 'src-main/contract')
const RENDERER = path.join(ROOT, 'src-renderer')

/** `import … from '…'` and `export … from '…'` that are not type-only, in a module's text. */
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

function contractFile(source, fromFile) {
  let target
  if (source.startsWith('#contract/')) target = path.join(CONTRACT, source.slice('#contract/'.length))
  else if (source.startsWith('.')) target = path.resolve(path.dirname(fromFile), source)
  else return null
  if (!target.startsWith(CONTRACT + path.sep)) return null
  return target.endsWith('.ts') ? target : `${target}.ts`
}

const zodPathCache = new Map()

/** The chain of contract modules from `file` to one that imports zod, or null when it is zod-free. */
function zodPath(file, visiting = new Set()) {
  if (zodPathCache.has(file)) return zodPathCache.get(file)
  if (visiting.has(file) || !existsSync(file)) return null
  visiting.add(file)
  let found = null
  for (const match of readFileSync(file, 'utf8').matchAll(VALUE_IMPORT)) {
    const source = match[1]
    if (source === 'zod' || source.startsWith('zod/')) {
      found = [file]
      break
    }
    const next = contractFile(source, file)
    const chain = next === null ? null : zodPath(next, visiting)
    if (chain !== null) {
      found = [file, ...chain]
      break
    }
  }
  zodPathCache.set(file, found)
  return found
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true
  const specifiers = node.specifiers ?? []
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')
}

export const zodFreeRule = {
  meta: {
    type: 'problem',
    docs: { description: 'The renderer imports values only from zod-free contract modules (types are free).' },
    schema: []
  },
  create(context) {
    if (!context.filename.startsWith(RENDERER + path.sep)) return {}
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string' || isTypeOnly(node)) return
      const file = contractFile(node.source.value, context.filename)
      const chain = file === null ? null : zodPath(file)
      if (chain === null) return
      const via = chain.map((f) => path.relative(ROOT, f)).join(' → ')
      context.report({
        node: node.source,
        message: `This brings zod into the renderer (${via} imports zod): import the type only, or move the value to a zod-free module such as contract/limits.ts.`
      })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  }
}

export default { rules: { 'zod-free': zodFreeRule } }
