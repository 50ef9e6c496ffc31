import { protocol, type Session } from 'electron'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'
import { contentTypeOf, readRendererFile, rendererPath } from '#core/security/renderer-files'
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

/** Serves the built renderer on the window's own session (a partition has its own handlers). */
export function serveRenderer(session: Session, rootDir: string): void {
  session.protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir))
}

/**
 * The `app://bundle` handler: a pure `Request → Response` over one directory. Anything that is not a plain file
 * inside `rootDir` (the rule both hosts share, core/security/renderer-files.ts) or is of an unknown type is a 404.
 * Every response carries the CSP, the error pages included.
 */
export function createAppRequestHandler(rootDir: string): AppRequestHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return emptyResponse(405)
    if (!isAppUrl(request.url)) return emptyResponse(404)
    const path = rendererPath(new URL(request.url).pathname)
    const contentType = path === null ? undefined : contentTypeOf(path)
    if (path === null || contentType === undefined) return emptyResponse(404)
    const body = await readRendererFile(rootDir, path)
    if (body === null) return emptyResponse(404)
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: responseHeaders(contentType)
    })
  }
}

/** The same headers on every response, error pages included (docs/reliability.md#r3). */
function responseHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  })
}

function emptyResponse(status: 404 | 405): Response {
  return new Response(null, { status, headers: responseHeaders('text/plain; charset=utf-8') })
}
