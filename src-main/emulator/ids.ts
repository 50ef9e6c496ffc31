/**
 * Identifier and pseudo-random helpers. A seeded generator keeps seeds reproducible and is much
 * faster than node:crypto when the large seed builds thousands of ids.
 */
export type Random = { next(): number; hex(length: number): string; alnum(length: number): string; int(min: number, max: number): number }

const HEX = '0123456789abcdef'
const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz'

/** mulberry32: tiny, fast, good enough for ids and sizes (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  // Char codes + one fromCharCode avoid building rope strings (the large seed makes ~20,000 ids).
  const pick = (alphabet: string, length: number): string => {
    const codes = new Array<number>(length)
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length))
    return String.fromCharCode(...codes)
  }
  return {
    next,
    hex: (length) => pick(HEX, length),
    alnum: (length) => pick(ALNUM, length),
    int: (min, max) => min + Math.floor(next() * (max - min + 1))
  }
}

export type ClusterKind = 'dedicated' | 'free' | 'serverless'

const CLUSTER_PREFIX: Record<ClusterKind, string> = { dedicated: 'in01-', free: 'in03-', serverless: 'in05-' }

/** Formats from docs/zilliz-api-notes.md#ids. */
export const ids = {
  cluster: (random: Random, kind: ClusterKind): string => CLUSTER_PREFIX[kind] + random.hex(15),
  project: (random: Random): string => 'proj-' + random.hex(22),
  backup: (random: Random, ordinal: number): string => `backup${ordinal}_${random.hex(15)}`,
  job: (random: Random): string => 'job-' + random.alnum(22)
}
