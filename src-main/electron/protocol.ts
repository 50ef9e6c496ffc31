import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { protocol, type Session } from 'electron'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'
import { APP_SCHEME, isAppUrl } from './app-origin.ts'

/** Served types; a file with any other extension is a 404 rather than a guessed type. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8'
}

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
 * The `app://bundle` handler: a pure `Request → Response` over one directory. Anything that is not
 * a plain file inside `rootDir` (traversal, encoded separators, hidden files, symlinks leading out,
 * unknown types) is a 404. Every response carries the CSP, the error pages included.
 */
export function createAppRequestHandler(rootDir: string): AppRequestHandler {
  const root = resolve(rootDir)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return emptyResponse(405)
    if (!isAppUrl(request.url)) return emptyResponse(404)
    const file = resolveInside(root, new URL(request.url).pathname)
    const contentType = file === null ? undefined : CONTENT_TYPES[extname(file).toLowerCase()]
    if (file === null || contentType === undefined) return emptyResponse(404)
    const body = await readPlainFileInside(root, file)
    if (body === null) return emptyResponse(404)
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: responseHeaders(contentType)
    })
  }
}

/** Maps a URL path onto `root`, or `null` when any segment could step outside it. */
function resolveInside(root: string, pathname: string): string | null {
  if (pathname === '' || pathname === '/') return resolve(root, 'index.html')
  const segments: string[] = []
  for (const encoded of pathname.replace(/^\//, '').split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(encoded)
    } catch {
      return null
    }
    // Decoded separators, drive letters and NUL never name a file we built; a leading dot
    // covers `.`, `..` and hidden files.
    if (segment === '' || segment.startsWith('.') || /[/\\:\0]/.test(segment)) return null
    segments.push(segment)
  }
  const full = resolve(root, ...segments)
  return full.startsWith(root + sep) ? full : null
}

/** Reads `file` only if it is a regular file whose real path is still inside the real root. */
async function readPlainFileInside(root: string, file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
    if (!realFile.startsWith(realRoot + sep)) return null
    if (!(await stat(realFile)).isFile()) return null
    return new Uint8Array(await readFile(realFile))
  } catch {
    // ENOENT, EACCES, ENOTDIR…: to the page every one of these is simply "not here".
    return null
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
