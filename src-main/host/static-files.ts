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

export type StaticFile = { body: Buffer; contentType: string }

/**
 * Reads a file of the built renderer. Anything that would resolve outside `root` (dot segments,
 * encoded separators, symlinks, NUL) is treated as missing.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const contentType = CONTENT_TYPES[extname(relative).toLowerCase()]
  if (contentType === undefined) return null
  const base = resolve(root)
  const candidate = resolve(base, relative)
  if (!candidate.startsWith(base + sep)) return null
  try {
    const real = await realpath(candidate)
    const realBase = await realpath(base)
    if (!real.startsWith(realBase + sep)) return null
    return { body: await readFile(real), contentType }
  } catch {
    return null
  }
}
