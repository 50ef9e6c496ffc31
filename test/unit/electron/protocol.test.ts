import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'
import { staticFiles } from '#core/security/static-files'
import { firstPaintPages, type FirstPaintPages } from '#core/security/first-paint-page'
import { silentLogger } from '#core/lib/logger'
import { createTestCore } from '../../fakes/test-core.ts'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { createAppRequestHandler, registerAppScheme, serveRenderer } = await import('../../../src-main/electron/protocol.ts')

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUNDLE'
const base = mkdtempSync(join(tmpdir(), 'app-protocol-'))
const root = join(base, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("app")')
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>')
writeFileSync(join(root, '.hidden.js'), SECRET)
writeFileSync(join(base, 'secret.txt'), SECRET)
writeFileSync(join(base, 'renderer-evil.js'), SECRET)
symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'))
mkdirSync(join(root, 'folder.js'))
const INSIDE = new Set(['<!doctype html><title>app</title>', 'console.log("app")', 'body{}', '<svg/>'])

afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

const handle = createAppRequestHandler(staticFiles(root))
const get = (url: string) => handle(new Request(url))

describe('app:// scheme registration', () => {
  it('is standard, secure and fetch-capable, and never bypasses the CSP', () => {
    registerAppScheme()
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
  })
})

describe('app:// request handler', () => {
  it('serves the entry document and assets with their types and the CSP', async () => {
    const cases: [string, string][] = [
      ['app://bundle/', 'text/html; charset=utf-8'],
      ['app://bundle/index.html', 'text/html; charset=utf-8'],
      ['app://bundle/assets/index-abc.js?v=1#x', 'text/javascript; charset=utf-8'],
      ['app://bundle/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['app://bundle/assets/logo.svg', 'image/svg+xml']
    ]
    for (const [url, type] of cases) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it.each([
    'app://bundle/../secret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/%2E%2E%2Fsecret.txt',
    'app://bundle/assets/..%2f..%2fsecret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/..\\secret.txt',
    'app://bundle//etc/passwd',
    'app://bundle/%2fetc%2fpasswd',
    'app://bundle/C:%5cWindows%5cwin.ini',
    'app://bundle/index.html%00.js',
    'app://bundle/.hidden.js',
    'app://bundle/assets/leak.txt',
    'app://bundle/folder.js',
    'app://bundle/assets/',
    'app://bundle/missing.js',
    'app://bundle/%E0%A4%A',
    'app://bundle.evil/index.html',
    'app://other/index.html'
  ])('answers 404 with the CSP for %s', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).not.toContain(SECRET)
  })

  it('refuses other methods and answers HEAD without a body', async () => {
    expect((await handle(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
    const head = await handle(new Request('app://bundle/index.html', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('never serves anything outside the root, whatever the path (property)', async () => {
    const hostile = fc.constantFrom('..', '%2e%2e', '%2E%2e', '.%2e', '%5c', '%2f', '\\', '%00', '', '.', 'C:', '%2e', '..%5c..', '~')
    const plain = fc.constantFrom('assets', 'index.html', 'index-abc.js', 'secret.txt', 'etc', 'passwd', 'renderer', 'renderer-evil.js')
    const segment = fc.oneof(hostile, plain, fc.string({ maxLength: 6 }).map(encodeURIComponent))
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), async (segments) => {
        const response = await get(`app://bundle/${segments.join('/')}`)
        expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
        const body = await response.text()
        expect(body).not.toContain(SECRET)
        if (response.status === 200) expect(INSIDE.has(body)).toBe(true)
        else expect(response.status).toBe(404)
      }),
      { numRuns: 500 }
    )
  })
})

describe('app:// files from memory', () => {
  /** A renderer build of its own, written long enough ago to be kept (a file just written is read again). */
  function build(): string {
    const dir = mkdtempSync(join(tmpdir(), 'app-protocol-kept-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>first build</title>')
    writeFileSync(join(dir, 'assets', 'index-111.js'), 'console.log(1)')
    const past = new Date(Date.now() - 60_000)
    utimesSync(join(dir, 'index.html'), past, past)
    return dir
  }

  it('reads the files ahead once it serves the session, and answers them from memory after', async () => {
    const dir = build()
    try {
      const session = fake.module.session.fromPartition('persist:backup-desk')
      session.protocol.handle.mockClear()
      await serveRenderer(session as never, dir, () => undefined)
      expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
      const handler = session.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>
      // Read ahead: gone from the disk since, still served (the window's first page meets no disk read).
      unlinkSync(join(dir, 'assets', 'index-111.js'))
      const asset = await handler(new Request('app://bundle/assets/index-111.js'))
      expect(asset.status).toBe(200)
      expect(await asset.text()).toBe('console.log(1)')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('serves a rebuilt index.html at the next request, never the copy it kept', async () => {
    const dir = build()
    try {
      const get = createAppRequestHandler(staticFiles(dir))
      expect(await (await get(new Request('app://bundle/'))).text()).toBe('<!doctype html><title>first build</title>')
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>second build, longer</title>')
      const response = await get(new Request('app://bundle/index.html'))
      expect(await response.text()).toBe('<!doctype html><title>second build, longer</title>')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('app:// first paint', () => {
  it('answers the entry document with the host’s first paint once the core is up, under the policy that admits its inline parts, and the page as built before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-first-paint-'))
    const core = createTestCore({ dataDir: dir })
    try {
      mkdirSync(join(dir, 'renderer'))
      writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head></head><body><div id="app"></div></body></html>')
      const modulePath = join(dir, 'render.mjs')
      writeFileSync(modulePath, "export const reads = () => [{ name: 'connection/list', input: {} }]\nexport const render = (data) => '<p>' + data.answers['connection/list'].value.length + ' connections</p>'")
      const firstPaint: { pages?: FirstPaintPages } = {}
      const handler = createAppRequestHandler(staticFiles(join(dir, 'renderer')), () => firstPaint.pages)
      const before = await handler(new Request('app://bundle/'))
      expect(await before.text()).not.toContain('connections')
      expect(before.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      firstPaint.pages = firstPaintPages({ modulePath, invoke: core.invoke, logger: silentLogger })
      const after = await handler(new Request('app://bundle/index.html', { headers: { 'Accept-Language': 'en-GB' } }))
      expect(await after.text()).toContain('<div id="app"><p>0 connections</p></div>')
      const policy = after.headers.get('content-security-policy') ?? ''
      expect(policy).toMatch(/script-src 'self' 'sha256-[\w+/=]+'/)
      expect(policy).not.toContain('unsafe-inline')
      // Other files as before.
      expect((await handler(new Request('app://bundle/assets/none.js'))).status).toBe(404)
    } finally {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
