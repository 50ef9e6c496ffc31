import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { staticFiles, type StaticFile } from '#core/security/static-files'

let base: string
let root: string

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'static-files-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
})

afterEach(() => rmSync(base, { recursive: true, force: true }))

/** Writes a file as a finished build leaves it: written a while ago (the host keeps only settled files). */
function writeSettled(path: string, text: string): void {
  writeFileSync(path, text)
  const anHourAgo = new Date(Date.now() - 3_600_000)
  utimesSync(path, anHourAgo, anHourAgo)
}

const text = (file: StaticFile | null): string | null => (file === null ? null : file.body.toString('utf8'))

describe('the renderer’s files, as both hosts serve them', () => {
  it('answers a settled index.html from memory in the same turn after its first read', async () => {
    writeSettled(join(root, 'index.html'), '<title>build 1</title>')
    const files = staticFiles(root)
    expect(text(await files.read('/'))).toBe('<title>build 1</title>')
    const again = files.read('/')
    expect(again).not.toBeInstanceOf(Promise)
    expect(text(again as StaticFile | null)).toBe('<title>build 1</title>')
  })

  it('serves a rebuilt index.html at the next request although the old one was kept', async () => {
    const page = join(root, 'index.html')
    writeSettled(page, '<title>build 1</title>')
    const files = staticFiles(root)
    await files.read('/')
    // Same size, written again: only the file's stamp tells the two builds apart.
    writeFileSync(page, '<title>build 2</title>')
    expect(text(await files.read('/'))).toBe('<title>build 2</title>')
    rmSync(page)
    writeSettled(page, '<title>build 3</title>')
    expect(text(await files.read('/index.html'))).toBe('<title>build 3</title>')
  })

  it('does not keep an index.html written just now: a second write in the same clock tick could not be told apart', async () => {
    const page = join(root, 'index.html')
    writeFileSync(page, '<title>build 1</title>')
    const files = staticFiles(root)
    expect(text(await files.read('/'))).toBe('<title>build 1</title>')
    expect(files.read('/')).toBeInstanceOf(Promise)
    writeFileSync(page, '<title>build 2</title>')
    expect(text(await files.read('/'))).toBe('<title>build 2</title>')
  })

  it('answers 404 for a kept index.html once it is gone', async () => {
    writeSettled(join(root, 'index.html'), '<title>build 1</title>')
    const files = staticFiles(root)
    await files.read('/')
    rmSync(join(root, 'index.html'))
    expect(await files.read('/')).toBeNull()
  })

  it('reads index.html and every hashed asset ahead when warmed, so the first page is answered from memory', async () => {
    writeSettled(join(root, 'index.html'), '<title>warm</title>')
    writeFileSync(join(root, 'assets', 'index-3f9a.js'), 'console.log(1)')
    writeFileSync(join(root, 'assets', 'index-77aa.css'), 'body{}')
    const files = staticFiles(root)
    await files.warm()
    for (const [path, body] of [['/', '<title>warm</title>'], ['/assets/index-3f9a.js', 'console.log(1)'], ['/assets/index-77aa.css', 'body{}']] as const) {
      const file = files.read(path)
      expect(file, path).not.toBeInstanceOf(Promise)
      expect(text(file as StaticFile | null), path).toBe(body)
    }
  })

  it('warms nothing that the rule refuses: a symlink out of the root and a type the build never makes stay unserved', async () => {
    writeFileSync(join(base, 'secret.js'), 'outside')
    symlinkSync(join(base, 'secret.js'), join(root, 'assets', 'leak-1234.js'))
    writeFileSync(join(root, 'assets', 'notes-1234.exe'), 'binary')
    const files = staticFiles(root)
    await files.warm()
    expect(await files.read('/assets/leak-1234.js')).toBeNull()
    expect(await files.read('/assets/notes-1234.exe')).toBeNull()
  })

  it('answers a file asked for again while it is being read with that same read, not a second one from disk', async () => {
    writeFileSync(join(root, 'assets', 'index-3f9a.js'), 'console.log(1)')
    const files = staticFiles(root)
    const first = files.read('/assets/index-3f9a.js')
    const second = files.read('/assets/index-3f9a.js')
    expect(first).toBeInstanceOf(Promise)
    const [a, b] = await Promise.all([first, second])
    expect(b).toBe(a)
    expect(text(a)).toBe('console.log(1)')
  })

  it('reads a file again once a read of it has found nothing: a missing file is not remembered', async () => {
    writeSettled(join(root, 'index.html'), '<title>late</title>')
    const files = staticFiles(root)
    expect(await files.read('/assets/index-3f9a.js')).toBeNull()
    writeFileSync(join(root, 'assets', 'index-3f9a.js'), 'console.log(2)')
    expect(text(await files.read('/assets/index-3f9a.js'))).toBe('console.log(2)')
  })

  it('warms without failing when the build has no assets folder', async () => {
    rmSync(join(root, 'assets'), { recursive: true })
    writeSettled(join(root, 'index.html'), '<title>bare</title>')
    const files = staticFiles(root)
    await files.warm()
    expect(text(files.read('/') as StaticFile | null)).toBe('<title>bare</title>')
  })
})
