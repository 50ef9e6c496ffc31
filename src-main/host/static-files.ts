import { readFile, realpath } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

/**
 * The build's hashed files (electron-vite names them `assets/<name>-<hash>.<ext>`): a changed file gets a new
 * name, so a copy kept in memory or in the browser's cache is never stale. Everything else (index.html) is read
 * from disk on each request and revalidated by the browser, so a rebuild is seen at the next load.
 */
const HASHED_ASSETS = 'assets/'
const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

export type StaticFile = { body: Buffer; contentType: string; cacheControl: string }

/** Reads a file of the built renderer, from `root` (`StaticFiles.read`). */
export type StaticFiles = { read(urlPath: string): StaticFile | null | Promise<StaticFile | null> }

/**
 * The built renderer's files. Anything that would resolve outside `root` (dot segments, encoded separators,
 * symlinks, NUL) is treated as missing. A hashed asset is read once and then answered from memory in the same
 * turn as its request: a read from disk takes three thread-pool round trips, and the host's synchronous RPCs
 * (SQLite) run between them, so a fresh Timeline page's chunk waited behind `timeline/lanes` and
 * `connection/list` (docs/architecture.md, "Static files from memory"). The renderer's build is a few hundred kB.
 */
export function staticFiles(root: string): StaticFiles {
  const base = resolve(root)
  const kept = new Map<string, StaticFile>()
  return {
    read(urlPath) {
      const found = resolveCandidate(base, urlPath)
      if (found === null) return null
      return kept.get(found.candidate) ?? readChecked(base, found.candidate, found.relative, kept)
    }
  }
}

function resolveCandidate(base: string, urlPath: string): { candidate: string; relative: string } | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const candidate = resolve(base, decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, ''))
  // The path as resolved (no dot segments left), so that `assets/../index.html` is not taken for a hashed asset.
  return candidate.startsWith(base + sep) ? { candidate, relative: candidate.slice(base.length + 1).split(sep).join('/') } : null
}

async function readChecked(
  base: string,
  candidate: string,
  relative: string,
  kept: Map<string, StaticFile>
): Promise<StaticFile | null> {
  const contentType = CONTENT_TYPES[extname(relative).toLowerCase()]
  if (contentType === undefined) return null
  try {
    // Both at once, as the Electron protocol does (electron/protocol.ts): one thread-pool round trip, not two.
    const [real, realBase] = await Promise.all([realpath(candidate), realpath(base)])
    if (!real.startsWith(realBase + sep)) return null
    const isHashed = relative.startsWith(HASHED_ASSETS)
    const file = { body: await readFile(real), contentType, cacheControl: isHashed ? IMMUTABLE : REVALIDATE }
    if (isHashed) kept.set(candidate, file)
    return file
  } catch {
    return null
  }
}
