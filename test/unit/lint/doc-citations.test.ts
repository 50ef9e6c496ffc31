import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * Comments cite the rule they implement by a name that exists in this repository (issue 13 item 6):
 * `docs/reliability.md#r25`, `docs/zilliz-api-notes.md#set-policy`, `docs/architecture.md, "Large lists"`.
 * Documents kept outside the repository, and bare rule numbers whose meaning lives there, are refused.
 */

const ROOT = join(import.meta.dirname, '../../..')
const SCANNED_DIRS = ['src-main', 'src-renderer', 'scripts', 'bench', 'test', 'docs', 'bin', '.ci']
const SCANNED_ROOT_FILES = ['README.md', 'eslint.config.mjs', 'electron.vite.config.ts', 'node.vite.config.mts']
const TEXT_FILE = /\.(ts|mts|mjs|cjs|js|svelte|sh|md|html|css)$|^\.ci\/run$/
const THIS_FILE = 'test/unit/lint/doc-citations.test.ts'
/** A released migration is never edited, so its SQL comments keep their bare rule numbers (anchors still checked). */
const FROZEN = new Set(['src-main/core/store/migrations/0001_init.ts'])

/** Documents that were never in this repository (the product brief's pages), however they are spelled. */
const FOREIGN = [
  { pattern: /(?<![\w/-])(style-guide|zilliz-cloud-api|features|toolchain)\.md/, what: 'a document outside the repository' },
  { pattern: /(?<![\w/-])(reliability|architecture)\.md/, what: 'a document without its docs/ path', outsideDocsOnly: true },
  { pattern: /\.\.\/shared\/|\/work\/shared|shared\/architecture\.md/, what: 'the shared folder outside the repository' },
  { pattern: /\bspec §/, what: 'a section number of a document outside the repository' },
  { pattern: /\bstyle-guide\b|[(,]\s*S\d{1,2}[),]/, what: 'a style rule number with no page in the repository' }
]
const BARE_RULE = /(?<![#\w/[-])R(\d{1,2})\b/g
const LINKED = /\bdocs\/([\w-]+\.md)#([\w-]+)/g
const QUOTED_SECTION = /\b(docs\/[\w-]+\.md|README\.md)`?, "([^"]+)"/g

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (name === 'node_modules' || name === 'screenshots') continue
    const path = `${dir}/${name}`
    if (statSync(join(ROOT, path)).isDirectory()) walk(path, out)
    else if (TEXT_FILE.test(path)) out.push(path)
  }
  return out
}

function scannedFiles(): string[] {
  const files = SCANNED_DIRS.filter((d) => existsSync(join(ROOT, d))).flatMap((d) => walk(d, []))
  return [...files, ...SCANNED_ROOT_FILES].filter((f) => f !== THIS_FILE)
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')
}

/** The anchors a Markdown page offers: explicit `id="…"` and its headings. */
function anchorsOf(markdown: string): Set<string> {
  const ids = [...markdown.matchAll(/\bid="([\w-]+)"/g)].map((m) => m[1] ?? '')
  const headings = [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? ''))
  return new Set([...ids, ...headings])
}

type Docs = (file: string) => string | null

function readDoc(file: string): string | null {
  const path = join(ROOT, file)
  return existsSync(path) ? readFileSync(path, 'utf8') : null
}

/** Every broken or foreign citation in one file, as `file:line: problem`. */
function citationProblems(file: string, text: string, docs: Docs): string[] {
  const problems: string[] = []
  const ruleAnchors = anchorsOf(docs('docs/reliability.md') ?? '')
  // Sources link a rule; test names may say "(R17)" and Markdown links it its own way, as long as the entry exists.
  const mustLinkRules = !file.startsWith('test/') && !file.endsWith('.md') && !FROZEN.has(file)
  text.split('\n').forEach((line, index) => {
    const at = `${file}:${index + 1}`
    for (const { pattern, what, outsideDocsOnly } of FOREIGN) {
      if (pattern.test(line) && !(outsideDocsOnly === true && file.startsWith('docs/'))) problems.push(`${at}: cites ${what}`)
    }
    for (const m of line.matchAll(BARE_RULE)) {
      if (!ruleAnchors.has(`r${m[1] ?? ''}`)) problems.push(`${at}: R${m[1] ?? ''} has no entry in docs/reliability.md`)
      else if (mustLinkRules) problems.push(`${at}: write R${m[1] ?? ''} as docs/reliability.md#r${m[1] ?? ''}`)
    }
    for (const m of line.matchAll(LINKED)) {
      const doc = docs(`docs/${m[1] ?? ''}`)
      if (doc === null) problems.push(`${at}: docs/${m[1] ?? ''} does not exist`)
      else if (!anchorsOf(doc).has(m[2] ?? '')) problems.push(`${at}: docs/${m[1] ?? ''} has no anchor #${m[2] ?? ''}`)
      // "docs/reliability.md#r22 to #r26", "#r17, #r25": the further anchors of the same page.
      const further = /^(?:(?:,|\s+and|\s+to)\s+#[\w-]+)*/.exec(line.slice(m.index + m[0].length))?.[0] ?? ''
      for (const more of further.matchAll(/#([\w-]+)/g)) {
        if (doc !== null && !anchorsOf(doc).has(more[1] ?? '')) problems.push(`${at}: docs/${m[1] ?? ''} has no anchor #${more[1] ?? ''}`)
      }
    }
    for (const m of line.matchAll(QUOTED_SECTION)) {
      const doc = docs(m[1] ?? '')
      if (doc === null) problems.push(`${at}: ${m[1] ?? ''} does not exist`)
      else if (!doc.includes(m[2] ?? '')) problems.push(`${at}: ${m[1] ?? ''} has no section "${m[2] ?? ''}"`)
    }
  })
  return problems
}

describe('citations in comments (checker)', () => {
  const docs: Docs = (file) =>
    file === 'docs/reliability.md' ? '<a id="r7"></a>\n**R7 — one**' : file === 'docs/notes.md' ? '## Set policy\n' : null

  it('refuses documents kept outside the repository and their section numbers', () => {
    const text = ['// (zilliz-cloud-api.md §2.1)', '// (reliability.md R7)', '// see ../shared/x', '// (spec §2.1)', '// (style-guide S12)'].join('\n')
    expect(citationProblems('src-main/x.ts', text, docs)).toEqual([
      'src-main/x.ts:1: cites a document outside the repository',
      'src-main/x.ts:2: cites a document without its docs/ path',
      'src-main/x.ts:2: write R7 as docs/reliability.md#r7',
      'src-main/x.ts:3: cites the shared folder outside the repository',
      'src-main/x.ts:4: cites a section number of a document outside the repository',
      'src-main/x.ts:5: cites a style rule number with no page in the repository'
    ])
  })

  it('asks for the link form of a rule number in the sources, and an existing entry everywhere', () => {
    expect(citationProblems('src-main/x.ts', '// kept (R7)', docs)).toEqual(['src-main/x.ts:1: write R7 as docs/reliability.md#r7'])
    expect(citationProblems('test/x.test.ts', "it('holds (R7)')", docs)).toEqual([])
    expect(citationProblems('test/x.test.ts', "it('holds (R31)')", docs)).toEqual(['test/x.test.ts:1: R31 has no entry in docs/reliability.md'])
  })

  it('accepts a link to an existing anchor or heading, and names a missing page, anchor or section', () => {
    expect(citationProblems('src-main/x.ts', '// (docs/reliability.md#r7, docs/notes.md#set-policy)', docs)).toEqual([])
    expect(citationProblems('src-main/x.ts', '// (docs/reliability.md#r8)', docs)).toEqual(['src-main/x.ts:1: docs/reliability.md has no anchor #r8'])
    expect(citationProblems('src-main/x.ts', '// (docs/reliability.md#r7 and #r9)', docs)).toEqual(['src-main/x.ts:1: docs/reliability.md has no anchor #r9'])
    expect(citationProblems('src-main/x.ts', '// (docs/reliability.md#r7, #r7 to #r6)', docs)).toEqual(['src-main/x.ts:1: docs/reliability.md has no anchor #r6'])
    expect(citationProblems('src-main/x.ts', '// (docs/gone.md#a)', docs)).toEqual(['src-main/x.ts:1: docs/gone.md does not exist'])
    expect(citationProblems('src-main/x.ts', '// (docs/notes.md, "Get policy")', docs)).toEqual(['src-main/x.ts:1: docs/notes.md has no section "Get policy"'])
    expect(citationProblems('docs/x.md', '(`docs/notes.md`, "Set policy")', docs)).toEqual([])
    expect(citationProblems('docs/x.md', '(`docs/notes.md`, "Get policy")', docs)).toEqual(['docs/x.md:1: docs/notes.md has no section "Get policy"'])
  })
})

describe('citations in this repository', () => {
  const files = scannedFiles()

  it('scans the sources, the tests and the docs', () => {
    expect(files).toContain('src-main/core/api/rate-limiter.ts')
    expect(files).toContain('src-renderer/App.svelte')
    expect(files).toContain('docs/architecture.md')
  })

  it('cite only pages, anchors and sections that exist in the repository', () => {
    const problems = files.flatMap((file) => citationProblems(file, readFileSync(join(ROOT, file), 'utf8'), readDoc))
    expect(problems).toEqual([])
  })

  it('docs/reliability.md has an entry for every rule R1–R30', () => {
    const anchors = anchorsOf(readDoc('docs/reliability.md') ?? '')
    const missing = Array.from({ length: 30 }, (_, i) => `r${i + 1}`).filter((a) => !anchors.has(a))
    expect(missing).toEqual([])
  })

  const reliability = readDoc('docs/reliability.md') ?? ''
  const all = [...files, THIS_FILE, 'electron-builder.yml']
  const find = (name: string): string | undefined => all.find((f) => f === name || f.endsWith(`/${name}`))

  it('every file docs/reliability.md names as where a rule is kept or tested exists', () => {
    const named = [...reliability.matchAll(/`([\w./-]+\.(?:ts|mjs|yml))`/g)].map((m) => m[1] ?? '')
    expect(named.length).toBeGreaterThan(30)
    expect(named.filter((name) => find(name) === undefined)).toEqual([])
  })

  it('every test docs/reliability.md quotes by name is in the file it names', () => {
    const quoted = [...reliability.matchAll(/`([\w./-]+\.(?:test|spec)\.ts)` \("([^"]+)"\)/g)].map((m) => ({ file: m[1] ?? '', name: (m[2] ?? '').replace(/\s+/g, ' ') }))
    expect(quoted.length).toBeGreaterThan(2)
    const missing = quoted.filter(({ file, name }) => {
      const path = find(file)
      return path === undefined || !readFileSync(join(ROOT, path), 'utf8').includes(name)
    })
    expect(missing).toEqual([])
  })
})
