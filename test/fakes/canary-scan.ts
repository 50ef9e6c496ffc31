import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Shortest run of the canary that counts as a leak; the 4-character hint (`••••abcd`) stays allowed. */
export const LEAK_FRAGMENT_LENGTH = 8

export type Leak = { where: string; fragment: string }

/**
 * Every `LEAK_FRAGMENT_LENGTH`-character run of the canary. Any longer substring contains one of them,
 * so finding none proves no part of the key beyond the hint appears.
 */
export function canaryFragments(canary: string): string[] {
  const fragments = new Set<string>()
  for (let i = 0; i + LEAK_FRAGMENT_LENGTH <= canary.length; i++) fragments.add(canary.slice(i, i + LEAK_FRAGMENT_LENGTH))
  return [...fragments]
}

/** The fragments found in `text` (the whole canary counts too when shorter than a fragment). */
export function leaksIn(where: string, text: string, canary: string): Leak[] {
  return [canary, ...canaryFragments(canary)]
    .filter((fragment) => text.includes(fragment))
    .map((fragment) => ({ where, fragment }))
}

/**
 * Every file under `dir` read as bytes (database, `-wal`, `-shm`, logs, copies), searched for each fragment
 * as UTF-8 and the whole canary as UTF-16LE too. Returns the hits; `files` says what was scanned.
 */
export async function scanDirectory(dir: string, canary: string): Promise<{ files: string[]; leaks: Leak[] }> {
  const needles = [
    ...[canary, ...canaryFragments(canary)].map((fragment) => ({ fragment, bytes: Buffer.from(fragment, 'utf8') })),
    { fragment: `${canary} (UTF-16LE)`, bytes: Buffer.from(canary, 'utf16le') }
  ]
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files: string[] = []
  const leaks: Leak[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.push(path)
    const bytes = await readFile(path)
    for (const needle of needles) if (bytes.includes(needle.bytes)) leaks.push({ where: path, fragment: needle.fragment })
  }
  return { files: files.sort(), leaks }
}
