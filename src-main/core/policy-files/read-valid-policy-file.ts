import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml'
import { policyFileSchema } from '#contract/models/policy-file'
import type { PolicyFileContent } from './read-policy-file.ts'

/*
 * The fast path of readPolicyFile for a file without any problem. js-yaml's event parser reads a 1,000-cluster file
 * about four times faster than the `yaml` library's document model, and its events carry each node's offset, enough
 * for the line of every template and cluster entry. One zod pass checks the whole file. Whatever is not plainly
 * valid (a YAML error, a schema problem, an alias, anchor or tag where an entry starts, a byte-order mark) gives null,
 * and explain-policy-file.ts reads the file again to name each problem's line and field.
 */

/** Entries and templates are flat mappings: nothing valid nests deeper than this. */
const MAX_DEPTH = 16
/** As explain-policy-file.ts: a file of aliases must not make a small text into a huge value. */
const MAX_ALIASES = 100

export function readValidPolicyFile(text: string): PolicyFileContent | null {
  if (text.startsWith('\uFEFF')) return null
  let events: Event[]
  let documents: unknown[]
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH })
    documents = constructFromEvents(events, { source: text, maxAliases: MAX_ALIASES })
  } catch {
    return null
  }
  if (documents.length !== 1) return null
  const parsed = policyFileSchema.safeParse(documents[0])
  if (!parsed.success) return null
  const starts = entryStarts(events, text)
  const clusters = parsed.data.clusters ?? []
  if (starts === null || starts.clusters.length !== clusters.length) return null

  const lineOf = lineFinder(text)
  const templates: PolicyFileContent['templates'] = new Map()
  for (const [name, policy] of Object.entries(parsed.data.templates ?? {})) {
    const start = starts.templates.get(name)
    // zod trims template names: a name written with spaces around it is left to the exact reader.
    if (start === undefined) return null
    templates.set(name, { line: lineOf(start), policy })
  }
  return {
    templates,
    clusters: clusters.map((cluster, index) => ({ ok: true, line: lineOf(starts.clusters[index] ?? 0), cluster }))
  }
}

type EntryStarts = { templates: Map<string, number>; clusters: number[] }

/** Offsets where each template's policy and each cluster entry start, from the root mapping's events. */
function entryStarts(events: readonly Event[], text: string): EntryStarts | null {
  const starts: EntryStarts = { templates: new Map(), clusters: [] }
  if (events[0]?.type !== EVENT_ID.DOCUMENT || events[1]?.type !== EVENT_ID.MAPPING) return null
  let at = 2
  while (at < events.length && events[at]?.type !== EVENT_ID.POP) {
    const key = events[at]
    if (key?.type !== EVENT_ID.SCALAR) return null
    const name = getScalarValue(text, key)
    const valueAt = at + 1
    if (name === 'templates' || name === 'clusters') {
      const children = childStarts(events, valueAt, text)
      if (children === null) return null
      if (name === 'clusters') starts.clusters = children.map((c) => c.start)
      else for (const child of children) starts.templates.set(child.key ?? '', child.start)
    }
    at = nodeEnd(events, valueAt)
  }
  return starts
}

type ChildStart = { key: string | null; start: number }

/** The start offset of each item of a sequence, or of each value of a mapping with its key. */
function childStarts(events: readonly Event[], at: number, text: string): ChildStart[] | null {
  const parent = events[at]
  if (parent?.type !== EVENT_ID.SEQUENCE && parent?.type !== EVENT_ID.MAPPING) return null
  const children: ChildStart[] = []
  let child = at + 1
  while (child < events.length && events[child]?.type !== EVENT_ID.POP) {
    let key: string | null = null
    if (parent.type === EVENT_ID.MAPPING) {
      const keyEvent = events[child]
      if (keyEvent?.type !== EVENT_ID.SCALAR) return null
      key = getScalarValue(text, keyEvent)
      child += 1
    }
    const start = startOf(events[child])
    if (start === null) return null
    children.push({ key, start })
    child = nodeEnd(events, child)
  }
  return children
}

/** Where a plain collection or scalar starts; null for an alias, or a node with an anchor or tag before it. */
function startOf(event: Event | undefined): number | null {
  if (event === undefined || event.type === EVENT_ID.ALIAS || event.type === EVENT_ID.POP || event.type === EVENT_ID.DOCUMENT) return null
  if (event.anchorStart !== -1 || event.tagStart !== -1) return null
  return event.type === EVENT_ID.SCALAR ? event.valueStart : event.start
}

/** The index just after the node that starts at `at` (a collection ends with its POP). */
function nodeEnd(events: readonly Event[], at: number): number {
  const first = events[at]?.type
  if (first !== EVENT_ID.SEQUENCE && first !== EVENT_ID.MAPPING) return at + 1
  let depth = 0
  let index = at
  do {
    const type = events[index]?.type
    if (type === EVENT_ID.SEQUENCE || type === EVENT_ID.MAPPING) depth += 1
    else if (type === EVENT_ID.POP) depth -= 1
    index += 1
  } while (depth > 0 && index < events.length)
  return index
}

/** 1-based line of an offset, as the `yaml` library's LineCounter counts them (a line ends at each \n). */
function lineFinder(text: string): (offset: number) => number {
  const lineStarts = [0]
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1)
  return (offset) => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((lineStarts[middle] ?? 0) <= offset) low = middle
      else high = middle - 1
    }
    return low + 1
  }
}
