import { contentTypeOf, readRendererFile, rendererPath, type RendererPath } from '#core/security/renderer-files'

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
 * The built renderer's files. What may be served is the rule both hosts share (core/security/renderer-files.ts):
 * anything that would resolve outside `root` is missing. A hashed asset is read once and then answered from
 * memory in the same turn as its request: a read from disk takes three thread-pool round trips, and the host's
 * synchronous RPCs (SQLite) run between them, so a fresh Timeline page's chunk waited behind `timeline/lanes` and
 * `connection/list` (docs/architecture.md, "Static files from memory"). The renderer's build is a few hundred kB.
 */
export function staticFiles(root: string): StaticFiles {
  const kept = new Map<RendererPath, StaticFile>()
  return {
    read(urlPath) {
      const path = rendererPath(urlPath)
      if (path === null) return null
      return kept.get(path) ?? readAndKeep(root, path, kept)
    }
  }
}

async function readAndKeep(root: string, path: RendererPath, kept: Map<RendererPath, StaticFile>): Promise<StaticFile | null> {
  const contentType = contentTypeOf(path)
  if (contentType === undefined) return null
  const body = await readRendererFile(root, path)
  if (body === null) return null
  const isHashed = path.startsWith(HASHED_ASSETS)
  const file = { body, contentType, cacheControl: isHashed ? IMMUTABLE : REVALIDATE }
  if (isHashed) kept.set(path, file)
  return file
}
