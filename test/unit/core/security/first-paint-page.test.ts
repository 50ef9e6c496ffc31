import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FIRST_PAINT_ADDRESS, FIRST_PAINT_COOKIE, FIRST_PAINT_DATA_ID, FIRST_PAINT_META, isFirstPaintAddress, type FirstPaintData } from '#contract/first-paint'
import { createLogger } from '#core/lib/logger'
import { firstPaintPage, firstPaintPages, localeOfAcceptLanguage } from '#core/security/first-paint-page'
import { staticFiles } from '#core/security/static-files'
import { parseRoute } from '../../../../src-renderer/lib/route.ts'
import { createTestCore } from '../../../fakes/test-core.ts'

/** index.html as the build writes it (electron.vite.config.ts): the first script first, the entry, preloads, styles. */
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta name="backup-desk-first-files" content="{}">
    <script type="module" async crossorigin src="./assets/early-start-A1.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/first-screen-B2.js">
    <title>Backup Desk</title>
    <script type="module" crossorigin src="./assets/index-C3.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/first-screen-B2.js">
    <link rel="modulepreload" crossorigin href="./assets/app-shared-D4.js">
    <link rel="stylesheet" crossorigin href="./assets/app-shared-E5.css">
    <link rel="stylesheet" crossorigin href="./assets/index-F6.css">
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`
const STYLES = new Map([
  ['assets/app-shared-E5.css', '.btn{color:red}'],
  ['assets/index-F6.css', '.row.svelte-x1{display:grid}']
])
const MARKUP = '<!--[--><div class="row svelte-x1" style="transform: translateY(60px);">orders-prod</div><section style="height: 252px;"></section><!--]-->'
const DATA: FirstPaintData = {
  now: Date.parse('2026-11-29T12:00:00Z'),
  listHeight: 1080,
  answers: { 'connection/list': { ok: true, value: [{ name: 'Acme </script><script>alert(1)</script>' }] } }
}

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
const directive = (policy: string, name: string): string[] => policy.split('; ').find((part) => part.startsWith(`${name} `))?.split(' ').slice(1) ?? []
/** The page's inline scripts (the `<script>`s without attributes): the guard in the head, the page's script in the body. */
const inlineScriptsOf = (body: string): string[] => [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, text]) => text ?? '')

describe('the first paint page', () => {
  const page = firstPaintPage(INDEX, MARKUP, DATA, STYLES)
  if (page === null) throw new Error('no page')

  it('puts the app’s markup in the app’s element, and the data after it parses back whole, a name with </script> kept inside its element', () => {
    expect(page.body).toContain(`<div id="app">${MARKUP}</div>`)
    const json = new RegExp(`<script type="application/json" id="${FIRST_PAINT_DATA_ID}">([^<]*)</script>`).exec(page.body)?.[1]
    expect(JSON.parse(json ?? 'null')).toEqual(DATA)
    expect(page.body).not.toContain('<script>alert(1)')
  })

  it('admits exactly its two inline scripts, its stylesheets and the style attributes drawn, and nothing inline besides', () => {
    const policy = page.contentSecurityPolicy
    const [guard, script] = inlineScriptsOf(page.body)
    expect(inlineScriptsOf(page.body)).toHaveLength(2)
    expect(directive(policy, 'script-src')).toEqual(["'self'", sha(guard ?? ''), sha(script ?? '')])
    expect(directive(policy, 'style-src')).toEqual([
      "'self'",
      sha('.btn{color:red}'),
      sha('.row.svelte-x1{display:grid}'),
      "'unsafe-hashes'",
      sha('transform: translateY(60px);'),
      sha('height: 252px;')
    ])
    expect(policy).not.toContain('unsafe-inline')
    expect(directive(policy, 'default-src')).toEqual(["'none'"])
  })

  it('inlines the stylesheets, and asks for index.html’s scripts and preloads from its script, in their order, once each', () => {
    expect(page.body).not.toMatch(/<link rel="(stylesheet|modulepreload)"/)
    expect(page.body).not.toContain('<script type="module"')
    expect(page.body).toContain('<style>.btn{color:red}</style>')
    const [, script] = inlineScriptsOf(page.body)
    expect(script).toContain('["./assets/first-screen-B2.js","./assets/app-shared-D4.js"]')
    expect(script).toContain('[{"src":"./assets/early-start-A1.js","isAsync":true},{"src":"./assets/index-C3.js","isAsync":false}]')
  })

  it('has its guard last in the head, after the styles and before the app’s element, asking for the preloads and the first script only, not the app’s entry', () => {
    const head = page.body.slice(0, page.body.indexOf('</head>'))
    const [guard] = inlineScriptsOf(page.body)
    expect(head.lastIndexOf('<style>')).toBeLessThan(head.indexOf(`<script>${guard ?? ''}</script>`))
    expect(guard).toContain(JSON.stringify(FIRST_PAINT_ADDRESS))
    expect(guard).toContain('["./assets/first-screen-B2.js","./assets/app-shared-D4.js"]')
    expect(guard).toContain('[{"src":"./assets/early-start-A1.js","isAsync":true}]')
    expect(guard).not.toContain('index-C3.js')
  })

  it('says in its head that the page came with a first paint', () => {
    expect(page.body.slice(0, page.body.indexOf('</head>'))).toContain(`<meta name="${FIRST_PAINT_META}" content="">`)
  })

  it('is not made from an index.html without the app’s element or without a head to guard it from', () => {
    expect(firstPaintPage('<!doctype html><head></head><body></body>', MARKUP, DATA, STYLES)).toBeNull()
    expect(firstPaintPage('<!doctype html><body><div id="app"></div></body>', MARKUP, DATA, STYLES)).toBeNull()
  })
})

describe('the addresses the first paint is kept at', () => {
  it('are the Fleet’s list to the router, and no other screen’s, cluster’s or filtered address', () => {
    for (const hash of ['', '#', '#/', '#/fleet', '#fleet']) {
      expect(isFirstPaintAddress(hash), hash).toBe(true)
      expect(parseRoute(hash), hash).toEqual({ section: 'fleet', params: {} })
    }
    for (const hash of ['#/backups', '#/timeline', '#/fleet?cluster=in01-a', '#/fleet?connection=c1&cluster=in01-a', '#/fleetx', '#/settings?x=1']) {
      expect(isFirstPaintAddress(hash), hash).toBe(false)
    }
    expect(FIRST_PAINT_ADDRESS.startsWith('^') && FIRST_PAINT_ADDRESS.endsWith('$')).toBe(true)
  })
})

describe('the first language of an Accept-Language header', () => {
  it('is the page’s locale when it is a well-formed tag, none otherwise', () => {
    expect(localeOfAcceptLanguage('en-US,en;q=0.9')).toBe('en-US')
    expect(localeOfAcceptLanguage('de;q=1, fr')).toBe('de')
    expect(localeOfAcceptLanguage('*')).toBeUndefined()
    expect(localeOfAcceptLanguage('12@@')).toBeUndefined()
    expect(localeOfAcceptLanguage('')).toBeUndefined()
    expect(localeOfAcceptLanguage(undefined)).toBeUndefined()
  })
})

describe('first paint pages from a core', () => {
  const root = mkdtempSync(join(tmpdir(), 'first-paint-'))
  const renderer = join(root, 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body><div id="app"></div></body></html>')
  const core = createTestCore({ dataDir: root })
  /** A renderer's side of the contract (contract/first-paint.ts) that makes `reads` and draws the connections' count. */
  const rendererModule = (name: string, reads: string): string => {
    const path = join(root, `${name}.mjs`)
    writeFileSync(path, `export const reads = () => ${reads}
export const render = (data) => '<p>' + data.answers['connection/list'].value.length + ' connections</p>'`)
    return path
  }
  const drawing = rendererModule('drawing', "[{ name: 'connection/list', input: {} }, { name: 'app/info', input: {} }]")
  const failing = rendererModule('failing', "[{ name: 'connection/list', input: {} }, { name: 'cluster/get', input: { clusterId: 'in01-none' } }]")
  /** A page's request for the entry document. */
  const ENTRY = { method: 'GET', path: '/', acceptLanguage: 'en', cookie: 'backup_desk_session=t' }
  const lines: string[] = []
  const logger = createLogger({ sink: (line) => lines.push(line) })

  afterAll(async () => {
    await core.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('draws the page from the core’s answers when they all succeed', async () => {
    const page = await firstPaintPages({ modulePath: drawing, invoke: core.invoke, logger }).page(staticFiles(renderer), ENTRY)
    expect(page?.body).toContain('<div id="app"><p>0 connections</p></div>')
  })

  it('answers only a GET of the entry document: an asset, a HEAD, another path are the files as built', async () => {
    const pages = firstPaintPages({ modulePath: drawing, invoke: core.invoke, logger })
    expect(await pages.page(staticFiles(renderer), { ...ENTRY, path: '/index.html' })).not.toBeNull()
    for (const request of [{ ...ENTRY, method: 'HEAD' }, { ...ENTRY, path: '/assets/index-C3.js' }, { ...ENTRY, path: '/other.html' }]) {
      expect(await pages.page(staticFiles(renderer), request), JSON.stringify(request)).toBeNull()
    }
  })

  it('gives none to a page whose window has left the Fleet’s list (a reload on another screen), and one to a window still on it or unknown', async () => {
    const pages = firstPaintPages({ modulePath: drawing, invoke: core.invoke, logger })
    expect(await pages.page(staticFiles(renderer), { ...ENTRY, cookie: `backup_desk_session=t; ${FIRST_PAINT_COOKIE}=0` })).toBeNull()
    expect(await pages.page(staticFiles(renderer), { ...ENTRY, cookie: `${FIRST_PAINT_COOKIE}=1; backup_desk_session=t` })).not.toBeNull()
    expect(await pages.page(staticFiles(renderer), { ...ENTRY, cookie: undefined })).not.toBeNull()
  })

  it('gives none when a read fails: the app shows and retries it, as without a first paint', async () => {
    expect(await firstPaintPages({ modulePath: failing, invoke: core.invoke, logger }).page(staticFiles(renderer), ENTRY)).toBeNull()
  })

  it('gives none past its budget, and none without its renderer, which the log says', async () => {
    expect(await firstPaintPages({ modulePath: drawing, invoke: core.invoke, logger, budgetMs: 0 }).page(staticFiles(renderer), ENTRY)).toBeNull()
    expect(await firstPaintPages({ modulePath: join(root, 'missing.mjs'), invoke: core.invoke, logger }).page(staticFiles(renderer), ENTRY)).toBeNull()
    expect(lines.some((line) => line.includes('the first paint is off'))).toBe(true)
  })
})
