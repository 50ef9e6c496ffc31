import { constants } from 'node:fs'
import { open, realpath } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'

/**
 * The one rule both hosts of the renderer follow to serve its built files (docs/reliability.md#r2): the Electron
 * `app://` protocol (electron/protocol.ts) and the browser host, both through static-files.ts. A request names a file
 * inside the renderer's root or nothing: it is checked twice, once on the URL's segments (`rendererPath`, pure,
 * so the browser host can answer a kept file in the same turn) and once on the disk (`readRendererFile`: the
 * real path of the file, symlinks followed, must still be inside the real root, and be a regular file).
 * Tests: test/unit/core/security/renderer-files.test.ts.
 */

/** The renderer's root, as electron-vite builds it inside the app (`appRoot`: the project, or the packaged app's). */
export function builtRendererRoot(appRoot: string): string {
  return join(appRoot, 'out', 'renderer')
}

/** A path relative to the renderer's root, '/'-separated, with no empty, dot or hidden segment. */
export type RendererPath = string & { readonly kind: 'RendererPath' }

/** The types served; a file with any other extension is missing rather than given a guessed type. */
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

/** The Content-Type of a served file, or undefined for a type the renderer does not ship. */
export function contentTypeOf(path: RendererPath): string | undefined {
  return CONTENT_TYPES[extname(path).toLowerCase()]
}

/**
 * Maps a URL's path (still percent-encoded, as `URL.pathname` gives it) onto a path inside the root, or null when
 * any segment could step outside it or name something the build never makes. Each segment is decoded on its own,
 * so an encoded separator (`%2f`, `%5c`) stays inside its segment and is refused there. A leading dot covers `.`,
 * `..` (encoded or not) and hidden files; a backslash, a colon (drive letters) and NUL never name a built file.
 */
export function rendererPath(urlPath: string): RendererPath | null {
  if (urlPath === '' || urlPath === '/') return 'index.html' as RendererPath
  const segments: string[] = []
  for (const encoded of urlPath.replace(/^\//, '').split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(encoded)
    } catch {
      return null
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:\0]/.test(segment)) return null
    segments.push(segment)
  }
  return segments.join('/') as RendererPath
}

/**
 * Reads `path` under `root` only if its real path is inside the real root (a symlink may not lead out, and a
 * sibling that shares the root's name as a prefix, `renderer-evil` beside `renderer`, is outside) and it is a
 * regular file. Null for anything else: ENOENT, EACCES, ENOTDIR… are all simply "not here" to the page.
 * The two real paths are asked for at once and the file is checked on its open handle: as many thread-pool round
 * trips as a plain `readFile` plus one (docs/architecture.md, "Static files from memory").
 */
export async function readRendererFile(root: string, path: RendererPath): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(join(root, path))])
    if (!isStrictlyInside(realRoot, realFile)) return null
    // Non-blocking, so that a FIFO is refused by the check below instead of holding the open until a writer comes.
    const handle = await open(realFile, constants.O_RDONLY | NON_BLOCKING)
    try {
      return (await handle.stat()).isFile() ? await handle.readFile() : null
    } finally {
      await handle.close()
    }
  } catch {
    return null
  }
}

/** Not defined on Windows, which has no FIFOs to guard against. */
const NON_BLOCKING: number = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0

function isStrictlyInside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
