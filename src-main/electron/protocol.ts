import { protocol, type Session } from 'electron'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'
import { staticFiles, type StaticFiles } from '#core/security/static-files'
import type { FirstPaintPages } from '#core/security/first-paint-page'
import { APP_SCHEME, isAppUrl } from './app-origin.ts'

export type AppRequestHandler = (request: Request) => Promise<Response>

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URLs,
 * `secure` makes it a secure context; there is deliberately no `bypassCSP` (docs/reliability.md#r2).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/**
 * Serves the built renderer on the window's own session (a partition has its own handlers), and reads its files
 * ahead in the background: the window's first page then finds them in memory while the core boots on this
 * process's event loop (`StaticFiles.warm`, docs/architecture.md "Static files from memory"). Resolves once they
 * are read; a file that could not be read ahead is read at its request.
 */
export async function serveRenderer(session: Session, rootDir: string, firstPaint: () => FirstPaintPages | undefined): Promise<void> {
  const files = staticFiles(rootDir)
  session.protocol.handle(APP_SCHEME, createAppRequestHandler(files, firstPaint))
  await files.warm()
}

/**
 * The `app://bundle` handler: a pure `Request → Response` over the renderer's files. Anything that is not a plain
 * file inside their root (the rule both hosts share, core/security/renderer-files.ts) or is of an unknown type is a
 * 404. A file is read from disk once and answered from memory after, as the browser host does
 * (core/security/static-files.ts). Every response carries the CSP, the error pages included. The entry document
 * carries the host's first paint once the core is up (`firstPaint`, core/security/first-paint-page.ts), with the
 * policy that admits exactly its inline parts.
 */
export function createAppRequestHandler(files: StaticFiles, firstPaint: () => FirstPaintPages | undefined = () => undefined): AppRequestHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return emptyResponse(405)
    if (!isAppUrl(request.url)) return emptyResponse(404)
    const path = new URL(request.url).pathname
    const page = await firstPaint()?.page(files, { method: request.method, path, acceptLanguage: request.headers.get('accept-language') ?? undefined, cookie: request.headers.get('cookie') ?? undefined })
    if (page !== undefined && page !== null) return new Response(page.body, { status: 200, headers: responseHeaders('text/html; charset=utf-8', page.contentSecurityPolicy) })
    const file = await files.read(path)
    if (file === null) return emptyResponse(404)
    // A copy per response: the kept buffer is answered again to every later request.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: responseHeaders(file.contentType)
    })
  }
}

/** The same headers on every response, error pages included (docs/reliability.md#r3). */
function responseHeaders(contentType: string, contentSecurityPolicy = CONTENT_SECURITY_POLICY): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  })
}

function emptyResponse(status: 404 | 405): Response {
  return new Response(null, { status, headers: responseHeaders('text/plain; charset=utf-8') })
}
