import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { contentTypeOf, readRendererFile, rendererPath, type RendererPath } from '#core/security/renderer-files'

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT'
const base = mkdtempSync(join(tmpdir(), 'renderer-files-'))
const root = join(base, 'out', 'renderer')
const sibling = join(base, 'out', 'renderer-evil')
mkdirSync(join(root, 'assets'), { recursive: true })
mkdirSync(sibling, { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html>')
writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)')
writeFileSync(join(base, 'secret.txt'), SECRET)
writeFileSync(join(sibling, 'index.html'), SECRET)
symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'))
symlinkSync(sibling, join(root, 'assets', 'evil'))
symlinkSync(join(root, 'index.html'), join(root, 'assets', 'home.html'))
mkdirSync(join(root, 'folder.js'))
execFileSync('mkfifo', [join(root, 'assets', 'pipe.js')])
const INSIDE = new Set(['<!doctype html>', 'console.log(1)'])

afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

const read = async (urlPath: string): Promise<string | null> => {
  const path = rendererPath(urlPath)
  if (path === null) return null
  return (await readRendererFile(root, path))?.toString('utf8') ?? null
}

describe('rendererPath: the URL path as a path inside the root', () => {
  it('maps the root to index.html and keeps plain segments as they are', () => {
    expect(rendererPath('/')).toBe('index.html')
    expect(rendererPath('')).toBe('index.html')
    expect(rendererPath('/assets/app-1a2b.js')).toBe('assets/app-1a2b.js')
    expect(rendererPath('/assets/a%20b.js')).toBe('assets/a b.js')
  })

  it.each([
    ['a parent segment', '/../secret.txt'],
    ['a parent segment deeper down', '/assets/../../secret.txt'],
    ['an encoded parent segment', '/%2e%2e/secret.txt'],
    ['a mixed-case encoded parent segment', '/%2E%2e/secret.txt'],
    ['a half-encoded parent segment', '/.%2e/secret.txt'],
    ['a current-directory segment', '/./index.html'],
    ['an encoded slash', '/..%2fsecret.txt'],
    ['an encoded backslash', '/..%5csecret.txt'],
    ['a raw backslash', '/..\\secret.txt'],
    ['an absolute path after the root', '//etc/passwd'],
    ['an encoded absolute path', '/%2fetc%2fpasswd'],
    ['a drive letter', '/C:%5cWindows%5cwin.ini'],
    ['a NUL byte', '/index.html%00.js'],
    ['a raw NUL byte', '/index.html\0.js'],
    ['a hidden file', '/.env'],
    ['a trailing slash (a directory)', '/assets/'],
    ['a broken percent-encoding', '/%E0%A4%A']
  ])('refuses %s (%s)', (_what, urlPath) => {
    expect(rendererPath(urlPath)).toBeNull()
  })

  it('never gives a path with an empty, dot or hidden segment, nor a separator other than /, whatever the input (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('..', '%2e%2e', '%2E%2e', '.%2e', '%5c', '%2f', '\\', '%00', '', '.', 'C:', '%2e', '~', '/', 'assets', 'index.html'),
      fc.string({ maxLength: 6 }),
      fc.string({ maxLength: 6 }).map(encodeURIComponent)
    )
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const path = rendererPath(`/${pieces.join('/')}`)
        if (path === null) return
        for (const segment of path.split('/')) {
          expect(segment).not.toBe('')
          expect(segment.startsWith('.')).toBe(false)
          expect(segment).not.toMatch(/[\\:\0]/)
        }
      }),
      { numRuns: 1000 }
    )
  })
})

describe('readRendererFile: the file on disk, only if it really is inside the root', () => {
  it('reads a regular file inside the root, and one reached by a symlink that stays inside', async () => {
    expect(await read('/')).toBe('<!doctype html>')
    expect(await read('/assets/app-1a2b.js')).toBe('console.log(1)')
    expect(await read('/assets/home.html')).toBe('<!doctype html>')
  })

  it('refuses a symlink that leads out of the root', async () => {
    expect(await read('/assets/leak.txt')).toBeNull()
  })

  it('refuses a sibling whose name starts with the root\'s (out/renderer-evil beside out/renderer)', async () => {
    expect(await read('/assets/evil/index.html')).toBeNull()
  })

  it('refuses a directory, a FIFO (without waiting for a writer) and a missing file', async () => {
    expect(await read('/folder.js')).toBeNull()
    expect(await read('/assets/pipe.js')).toBeNull()
    expect(await read('/missing.js')).toBeNull()
  })

  it('refuses an absolute or parent path even when handed one directly', async () => {
    expect(await readRendererFile(root, join(base, 'secret.txt') as RendererPath)).toBeNull()
    expect(await readRendererFile(root, '../../secret.txt' as RendererPath)).toBeNull()
    expect(await readRendererFile(root, '../renderer-evil/index.html' as RendererPath)).toBeNull()
  })

  it('never reads anything outside the root, whatever the URL path (property)', async () => {
    const hostile = fc.constantFrom('..', '%2e%2e', '%2E%2e', '.%2e', '%5c', '%2f', '\\', '%00', '', '.', 'C:', '%2e', '..%5c..', '~')
    const plain = fc.constantFrom('assets', 'index.html', 'app-1a2b.js', 'leak.txt', 'evil', 'secret.txt', 'out', 'renderer', 'renderer-evil')
    const segment = fc.oneof(hostile, plain, fc.string({ maxLength: 6 }).map(encodeURIComponent))
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), async (segments) => {
        const body = await read(`/${segments.join('/')}`)
        if (body !== null) expect(INSIDE.has(body)).toBe(true)
      }),
      { numRuns: 500 }
    )
  })
})

describe('contentTypeOf', () => {
  it('names the types the build ships and nothing else', () => {
    expect(contentTypeOf('index.html' as RendererPath)).toBe('text/html; charset=utf-8')
    expect(contentTypeOf('assets/APP.JS' as RendererPath)).toBe('text/javascript; charset=utf-8')
    expect(contentTypeOf('assets/font.woff2' as RendererPath)).toBe('font/woff2')
    expect(contentTypeOf('assets/tool.exe' as RendererPath)).toBeUndefined()
    expect(contentTypeOf('README' as RendererPath)).toBeUndefined()
  })
})
