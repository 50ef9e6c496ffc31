import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { POLICY_FILE_FIELDS, policyFileClusterSchema, policyFileHeaderSchema, type FilePolicy } from '#contract/models/policy-file'
import type { FileClusterEntry, FileProblem, ReadResult } from './read-policy-file.ts'

type Path = readonly PropertyKey[]

/**
 * Reads a policy file with the `yaml` library's document model, which keeps every node's position, so each
 * problem is named with its line and field. Problems in the header or a template reject the whole file; a problem
 * in one cluster entry marks that entry only, so a review can list it with its line while the rest stays usable.
 */
export function explainPolicyFile(text: string): ReadResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line
  if (doc.errors.length > 0) {
    const errorLine = (offset: number): number => lineAt(lastContentAt(text, offset))
    return { ok: false, problems: doc.errors.map((e) => ({ line: errorLine(e.pos[0]), message: firstLine(e.message) })) }
  }
  const locate = (path: Path): number => lineOfPath(doc, path, lineAt)
  const has = (path: Path): boolean => doc.hasIn(path)
  const root: unknown = doc.toJS({ maxAliasCount: 100 })
  const header = policyFileHeaderSchema.safeParse(root)
  if (!header.success) return { ok: false, problems: problemsOf(header.error, [], locate, has) }

  const templates = new Map<string, { line: number; policy: FilePolicy }>()
  for (const [name, policy] of Object.entries(header.data.templates ?? {})) {
    templates.set(name, { line: locate(['templates', name]), policy })
  }
  const clusters = (header.data.clusters ?? []).map((raw, index): FileClusterEntry => {
    const base: Path = ['clusters', index]
    const line = locate(base)
    const parsed = policyFileClusterSchema.safeParse(raw)
    if (parsed.success) return { ok: true, line, cluster: parsed.data }
    const [problem] = problemsOf(parsed.error, base, locate, has)
    return { ok: false, line, clusterId: idOf(raw), problem: problem ?? { line, message: 'This entry is not valid.' } }
  })
  return { ok: true, content: { templates, clusters } }
}

/**
 * Unknown fields come first: a misspelt field (`retentionDay`) also makes the real one missing, and the misspelling,
 * at its own line, is what the author has to fix.
 */
function problemsOf(error: z.ZodError, base: Path, locate: (path: Path) => number, has: (path: Path) => boolean): FileProblem[] {
  const issues = [...error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'))
  return issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
    const path: Path = [...issue.path, ...keys.slice(0, 1)]
    const field = path.filter((p) => typeof p === 'string').join('.')
    const missing = issue.code === 'invalid_type' && !has([...base, ...path])
    const message = keys.length > 0 ? unknownFieldsMessage(keys) : missing ? `${field} is missing.` : issue.message
    return { line: locate([...base, ...path]), ...(field === '' ? {} : { field }), message }
  })
}

function unknownFieldsMessage(keys: readonly string[]): string {
  const [first] = keys
  const meant = keys.length === 1 && first !== undefined ? POLICY_FILE_FIELDS.find((f) => oneEditApart(f.toLowerCase(), first.toLowerCase())) : undefined
  return `Unknown field ${keys.join(', ')}${meant === undefined ? '' : ` (did you mean ${meant}?)`}.`
}

/** Equal, or one letter added, dropped or replaced: the usual typo, and no more (no general fuzzy matching). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1
  let j = 0
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j += 1
  return a.length - i - j <= 1 && b.length - i - j <= 1
}

/** The line of the deepest node of `path` that exists (a missing field is reported on its parent). */
function lineOfPath(doc: Document, path: Path, lineAt: (offset: number) => number): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
    const offset = rangeStart(node) ?? rangeStart(keyNodeOf(doc, path.slice(0, depth)))
    if (offset !== null) return lineAt(offset)
  }
  return 1
}

/** A key with an empty value has no value node; its key node still has a position. */
function keyNodeOf(doc: Document, path: Path): unknown {
  if (path.length === 0) return null
  const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  if (!isMap(parent)) return null
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1])
  return pair?.key ?? null
}

function rangeStart(node: unknown): number | null {
  if (node === null || typeof node !== 'object' || !('range' in node)) return null
  const range = (node as { range?: unknown }).range
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : null
}

function idOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object' || !('id' in raw)) return null
  return typeof raw.id === 'string' ? raw.id : null
}

/**
 * The `yaml` library finds an unclosed bracket or quote only where the text ends, so its offset can be past the last
 * line or on a blank one: the problem is then on the last line with content before it.
 */
function lastContentAt(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', offset)
  if (text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim() !== '') return offset
  let at = lineStart - 1
  while (at > 0 && /\s/.test(text[at] ?? '')) at -= 1
  return Math.max(at, 0)
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim()
}
