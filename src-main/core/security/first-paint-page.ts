import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Envelope } from '#contract/envelope'
import { FIRST_PAINT_ADDRESS, FIRST_PAINT_COOKIE, FIRST_PAINT_DATA_ID, FIRST_PAINT_LIST_HEIGHT, FIRST_PAINT_META, type FirstPaintData, type FirstPaintRenderer } from '#contract/first-paint'
import type { Invoke } from '#core/dispatch'
import type { Logger } from '#core/lib/logger'
import { readCookie } from '#core/security/cookies'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'
import { rendererPath } from '#core/security/renderer-files'
import type { StaticFiles } from '#core/security/static-files'

/*
 * The host's first paint (docs/architecture.md, "First paint from the host"): the page a fresh window asks for,
 * with the app as it draws the Fleet's first rows already in it. A fresh renderer lays out and paints a page in
 * 200–300 ms on this machine before any of the app's code could have run; the rows no longer wait for the app's
 * code to arrive, run and read (bench/ui-fleet). Both hosts serve it: the browser host (host/http-host.ts) and
 * Electron's `app://` handler (electron/protocol.ts).
 */

/** index.html with the first paint in it, and the policy that lets exactly its inline parts apply. */
export type FirstPaintPage = { body: string; contentSecurityPolicy: string }

export type FirstPaintPages = {
  /** Loads the renderer's side ahead of the first page, in the background. Never rejects. */
  warm(): Promise<void>
  /**
   * The answer to `request` when it asks for the entry document: index.html (from `files`) with the first paint in
   * it. Null for any other request, and when the page cannot be made in time: the file as built then.
   */
  page(files: StaticFiles, request: EntryRequest): Promise<FirstPaintPage | null>
}

/**
 * What of a request to a host decides its first paint: a GET of the entry document, in the page's language, from a
 * window whose address has not left the Fleet's list (its Cookie header, FIRST_PAINT_COOKIE).
 */
export type EntryRequest = { method: string; path: string; acceptLanguage: string | undefined; cookie: string | undefined }

/**
 * How long a page waits for its first paint's reads and render: the host's first `cluster/list-window` after a sync
 * takes 40–65 ms (bench/ui-fleet). A core still booting, or busy past this, is not waited for.
 */
export const FIRST_PAINT_BUDGET_MS = 250

/** A script of index.html's: its address, and whether it runs as soon as it arrives (the page's first script). */
type PageScript = { src: string; isAsync: boolean }

/** Script text: the page's address is the Fleet's list (contract/first-paint.ts, FIRST_PAINT_ADDRESS). */
const IS_ON_THE_LIST = `new RegExp(${JSON.stringify(FIRST_PAINT_ADDRESS)}).test(location.hash)`

/**
 * Script text that asks for the module preloads and then the scripts, in their order, as index.html's head would:
 * `preloads` and `scripts` are the script's expressions for the lists (of hrefs, of PageScript).
 */
function askForCode(preloads: string, scripts: string): string {
  return `for (const href of ${preloads}) { const link = document.createElement('link'); link.rel = 'modulepreload'; link.crossOrigin = ''; link.href = href; document.head.append(link) }
for (const { src, isAsync } of ${scripts}) { const script = document.createElement('script'); script.type = 'module'; script.crossOrigin = ''; script.async = isAsync; script.src = src; document.head.append(script) }`
}

/**
 * The page's guard, last in its head, before any of the first paint is parsed. A window opened on another address
 * than the Fleet's list (contract/first-paint.ts, FIRST_PAINT_ADDRESS) will drop the first paint (`pageScript`), so
 * the guard (1) hides the app's element from its first style on, and (2) asks for the app's code at once: the module
 * preloads and the page's first script (`async`: early-start.ts, which asks for the screen's code and sends its
 * first read), not the app's entry, which would run before the body is in. Traced, a fresh page opened on the
 * Timeline without it: the renderer styled, laid out and painted the Fleet's rows (style 43 ms, layout 146 ms) before
 * its parser met the page's script after them at 422 ms, and only then asked for any code. A constructed style sheet,
 * not a style element: the page's policy lets no other inline style apply; and it tells the page's script that the
 * guard acted (none of the app's code has run yet, so the page has no other).
 */
export function guardScript(scripts: readonly PageScript[], preloads: readonly string[]): string {
  return `if (!${IS_ON_THE_LIST}) {
  const hidden = new CSSStyleSheet(); hidden.replaceSync('#app { display: none }'); document.adoptedStyleSheets = [hidden]
  ${askForCode(JSON.stringify(preloads), JSON.stringify(scripts.filter((script) => script.isAsync)))}
}`
}

/**
 * The page's script, where index.html's parser meets it after the first paint and its data, before the page is
 * first painted. (1) A window opened on another address than the Fleet's list (a screen, a cluster; seen by the
 * guard, `guardScript`, or since) drops both, and the app draws that screen as before (contract/first-paint.ts,
 * FIRST_PAINT_ADDRESS); the guard's hiding ends. Otherwise the drawn app is inert until the app's code takes it over
 * (main.ts): a box ticked or a link followed before then would be lost or shown as done when it is not. (2) It asks
 * for the app's code the guard did not (index.html's module preloads and scripts, in their order), which
 * index.html's head would have asked for before the body was in: the app's entry, run once the document is parsed,
 * then takes the first paint over before the browser's first frame, which waits for it. Asked for from here, the
 * first paint is drawn while the code arrives (alternating fresh browsers, medians of ten: rows painted 704 → 672 ms,
 * the app's own 830 → 728 ms; without a first paint 820 ms).
 */
export function pageScript(scripts: readonly PageScript[], preloads: readonly string[]): string {
  return `{
const isGuarded = document.adoptedStyleSheets.length > 0
document.adoptedStyleSheets = []
const app = document.getElementById('app')
if (isGuarded || !${IS_ON_THE_LIST}) { app.replaceChildren(); document.getElementById('${FIRST_PAINT_DATA_ID}').remove() }
else app.inert = true
${askForCode(`isGuarded ? [] : ${JSON.stringify(preloads)}`, `${JSON.stringify(scripts)}.filter((script) => !isGuarded || !script.isAsync)`)}
}`
}

/** Where the build puts the renderer's side of the first paint (first-paint.vite.config.mts) under the app's root. */
export function firstPaintModulePath(appRoot: string): string {
  return join(appRoot, 'out', 'first-paint', 'render-first-paint.mjs')
}

/**
 * `modulePath`: the renderer's built side (`firstPaintModulePath`). Reads go through `invoke`, as a
 * page's would; a page whose reads do not all succeed gets no first paint.
 */
export function firstPaintPages(options: { modulePath: string; invoke: Invoke; logger: Logger; budgetMs?: number }): FirstPaintPages {
  let loaded: Promise<FirstPaintRenderer | null> | undefined
  const renderer = (): Promise<FirstPaintRenderer | null> => {
    loaded ??= (import(pathToFileURL(options.modulePath).href) as Promise<FirstPaintRenderer>).catch((error: unknown) => {
      options.logger.warn('the first paint is off: its module did not load', { error: String(error) })
      return null
    })
    return loaded
  }
  const make = async (files: StaticFiles, locale: string | undefined): Promise<FirstPaintPage | null> => {
    const index = await files.read('/index.html')
    const module = await renderer()
    if (index === null || module === null) return null
    const reads = module.reads(locale)
    const answered = await Promise.all(reads.map(async (read): Promise<[string, Envelope<unknown>]> => [read.name, await options.invoke(read.name, read.input)]))
    // A read that failed (a core still opening its store, say) is the app's to show and retry, as without a first paint.
    if (answered.some(([, answer]) => !answer.ok)) return null
    const data: FirstPaintData = { now: Date.now(), listHeight: FIRST_PAINT_LIST_HEIGHT, answers: Object.fromEntries(answered) }
    const html = index.body.toString('utf8')
    return firstPaintPage(html, module.render(data), data, await stylesOf(files, html))
  }
  return {
    async warm() {
      await renderer()
    },
    async page(files, request) {
      if (request.method !== 'GET' || rendererPath(request.path) !== 'index.html') return null
      if (readCookie(request.cookie, FIRST_PAINT_COOKIE) === '0') return null
      const locale = localeOfAcceptLanguage(request.acceptLanguage)
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<null>((resolveLate) => (timer = setTimeout(() => resolveLate(null), options.budgetMs ?? FIRST_PAINT_BUDGET_MS)))
      try {
        return await Promise.race([
          make(files, locale).catch((error: unknown) => {
            options.logger.warn('the first paint could not be made', { error: String(error) })
            return null
          }),
          late
        ])
      } finally {
        clearTimeout(timer)
      }
    }
  }
}

/** The first language of an Accept-Language header, if it is a well-formed tag: the order the page's names come in. */
export function localeOfAcceptLanguage(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.split(';')[0]?.trim()
  if (first === undefined || first === '' || first === '*') return undefined
  try {
    return Intl.getCanonicalLocales(first)[0]
  } catch {
    return undefined
  }
}

const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*? href="\.\/(assets\/[^"]+\.css)"[^>]*>/g
const STYLE_ATTRIBUTE = / style="([^"]*)"/g
const MODULE_SCRIPT = /<script type="module"([^>]*?) src="([^"]+)"[^>]*><\/script>\s*/g
const MODULE_PRELOAD = /<link rel="modulepreload"[^>]*? href="([^"]+)"[^>]*>\s*/g

/** The build's stylesheets that index.html links, read from `files`, by their href: inlined, they cost no request. */
async function stylesOf(files: StaticFiles, index: string): Promise<Map<string, string>> {
  const styles = new Map<string, string>()
  for (const [, path] of index.matchAll(STYLESHEET_LINK)) {
    if (path === undefined) continue
    const file = await files.read(`/${path}`)
    if (file !== null) styles.set(path, file.body.toString('utf8'))
  }
  return styles
}

/**
 * index.html with `markup` (the app's first paint) in the app's element, `data` after it for the page to take it
 * over with (main.ts), the page's script after both (`pageScript`), a meta element in the head that tells the page's
 * first scripts (run before the body is in) that the first screen's reads came with it, the guard last in the head
 * (`guardScript`), and the stylesheets inline (a fresh browser's request for them waits 30–100 ms before it is sent).
 * The policy adds a hash for each inline part and nothing else: the two scripts, each stylesheet, and each style
 * attribute the render wrote (a list row's place, a section's height; 'unsafe-hashes' lets hashes match attributes,
 * never an attribute written by anyone else). The data is JSON in a script element no browser runs.
 */
export function firstPaintPage(index: string, markup: string, data: FirstPaintData, styles: ReadonlyMap<string, string>): FirstPaintPage | null {
  if (!index.includes('<div id="app"></div>') || !index.includes('<head>') || !index.includes('</head>')) return null
  const inlineStyles: string[] = []
  const scripts = [...index.matchAll(MODULE_SCRIPT)].map(([, attributes, src]) => ({ src: src ?? '', isAsync: / async\b/.test(attributes ?? '') }))
  const preloads = [...new Set([...index.matchAll(MODULE_PRELOAD)].map(([, href]) => href ?? ''))]
  const guard = guardScript(scripts, preloads)
  const script = pageScript(scripts, preloads)
  const body = index
    .replace(MODULE_SCRIPT, '')
    .replace(MODULE_PRELOAD, '')
    .replace(STYLESHEET_LINK, (link: string, path: string) => {
      const css = styles.get(path)
      if (css === undefined) return link
      inlineStyles.push(css)
      return `<style>${css}</style>`
    })
    .replace('<head>', () => `<head>\n    <meta name="${FIRST_PAINT_META}" content="">`)
    .replace('</head>', () => `  <script>${guard}</script>\n  </head>`)
    .replace(
      '<div id="app"></div>',
      () => `<div id="app">${markup}</div><script type="application/json" id="${FIRST_PAINT_DATA_ID}">${jsonInHtml(data)}</script><script>${script}</script>`
    )
  const attributes = new Set([...markup.matchAll(STYLE_ATTRIBUTE)].map(([, value]) => decodeAttribute(value ?? '')))
  return {
    body,
    contentSecurityPolicy: withSources(CONTENT_SECURITY_POLICY, {
      'script-src': [hashSource(guard), hashSource(script)],
      'style-src': [...inlineStyles.map(hashSource), ...(attributes.size > 0 ? ["'unsafe-hashes'", ...[...attributes].map(hashSource)] : [])]
    })
  }
}

/** JSON that cannot end the script element it sits in: every `<` is written as its escape. */
function jsonInHtml(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c')
}

function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** An attribute's value as the browser reads it: Svelte's server output escapes `&` and `"` in attributes. */
function decodeAttribute(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
}

/** `policy` with `sources` added to the named directives. */
function withSources(policy: string, sources: Record<string, readonly string[]>): string {
  return policy
    .split('; ')
    .map((directive) => {
      const name = directive.split(' ')[0] ?? ''
      const more = sources[name] ?? []
      return more.length === 0 ? directive : `${directive} ${more.join(' ')}`
    })
    .join('; ')
}
