import { statSync, type Stats } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { contentTypeOf, readRendererFile, rendererPath, type RendererPath } from '#core/security/renderer-files'

/**
 * The build's hashed files (electron-vite names them `assets/<name>-<hash>.<ext>`): a changed file gets a new
 * name, so a copy kept in memory or in the browser's cache is never stale. Everything else (index.html) is
 * revalidated by the browser on each load and kept here only while the file on disk is the one that was read.
 */
const HASHED_ASSETS = 'assets/'
const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
/**
 * A file written less than this long before it was read is not kept: the file system's clock is coarse (a few ms),
 * so a second write in the same tick with the same size would leave the stamp the copy is checked against
 * unchanged ("racy" files, as git calls them). Such a file is read from disk until it has settled.
 */
const SETTLED_MS = 2000

export type StaticFile = { body: Buffer; contentType: string; cacheControl: string }

/** Reads a file of the built renderer, from `root` (`StaticFiles.read`). */
export type StaticFiles = {
  read(urlPath: string): StaticFile | null | Promise<StaticFile | null>
  /**
   * Reads index.html and every hashed asset into memory, so that the first page is answered like the later ones.
   * Never rejects: a file it could not read is read at its request.
   */
  warm(): Promise<void>
}

/** What a kept copy of a revalidated file was read from: the same inode, unchanged since. */
type Stamp = { dev: number; ino: number; size: number; mtimeMs: number; ctimeMs: number }
type Kept = { file: StaticFile; stamp: Stamp | null }

/**
 * The built renderer's files, as both hosts serve them (the browser host over HTTP, Electron's `app://bundle`
 * handler). What may be served is the rule they share (core/security/renderer-files.ts): anything that would resolve
 * outside `root` is missing. A file is read from disk once and answered from memory after, in the same turn as its
 * request: a read from disk takes five thread-pool round trips, each waiting for a turn of the event loop (Electron's
 * main process boots the core on it as its window opens), and on a busy machine (the browser starting a page on the
 * same cores) those turns come late: a fresh page's index.html took 10–90 ms and its first chunk waited behind
 * `timeline/lanes` (docs/architecture.md, "Static files from memory"). A hashed asset never changes; index.html is
 * checked against its file with one synchronous stat per load (microseconds, no round trip), so a rebuild is served
 * at the next load. A file asked for while it is being read (by `warm` or an earlier request) is answered by that
 * read, not read a second time. The renderer's build is a few hundred kB.
 */
export function staticFiles(root: string): StaticFiles {
  const kept = new Map<RendererPath, Kept>()
  const reading = new Map<RendererPath, Promise<StaticFile | null>>()
  const read = (path: RendererPath): StaticFile | null | Promise<StaticFile | null> => {
    const copy = kept.get(path)
    if (copy !== undefined && (copy.stamp === null || sameStamp(copy.stamp, stampOf(root, path)))) return copy.file
    const pending = reading.get(path)
    if (pending !== undefined) return pending
    const started = readAndKeep(root, path, kept).finally(() => reading.delete(path))
    reading.set(path, started)
    return started
  }
  return {
    read(urlPath) {
      const path = rendererPath(urlPath)
      return path === null ? null : read(path)
    },
    async warm() {
      const names = await readdir(join(root, HASHED_ASSETS)).catch(() => [])
      // One at a time: the page, if one comes meanwhile, should not find the thread pool taken by the warm-up.
      for (const path of ['index.html', ...names.map((name) => HASHED_ASSETS + name)]) {
        const checked = rendererPath(`/${path}`)
        if (checked !== null && !kept.has(checked)) await Promise.resolve(read(checked)).catch(() => null)
      }
    }
  }
}

async function readAndKeep(root: string, path: RendererPath, kept: Map<RendererPath, Kept>): Promise<StaticFile | null> {
  const contentType = contentTypeOf(path)
  if (contentType === undefined) return null
  const isHashed = path.startsWith(HASHED_ASSETS)
  // Stamped before the read: a change during the read then shows as a different stamp at the next request.
  const stamp = isHashed ? null : stampOf(root, path)
  const body = await readRendererFile(root, path)
  if (body === null) return null
  const file = { body, contentType, cacheControl: isHashed ? IMMUTABLE : REVALIDATE }
  if (isHashed || (stamp !== null && Date.now() - stamp.mtimeMs >= SETTLED_MS)) kept.set(path, { file, stamp })
  return file
}

function stampOf(root: string, path: RendererPath): Stamp | null {
  let stats: Stats | undefined
  try {
    stats = statSync(join(root, path), { throwIfNoEntry: false })
  } catch {
    return null
  }
  if (stats === undefined) return null
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs }
}

function sameStamp(kept: Stamp, now: Stamp | null): boolean {
  return now !== null && kept.dev === now.dev && kept.ino === now.ino && kept.size === now.size && kept.mtimeMs === now.mtimeMs && kept.ctimeMs === now.ctimeMs
}
