import type { z } from 'zod'
import type { KeyValueStore } from '../schedule/ledger.ts'

type StoredSettings<T> = {
  /** The stored value over the defaults; a value that no longer parses (an older or damaged one) gives the defaults. */
  load(kv: KeyValueStore): T
  /** Applies a patch, validates the whole result with the schema (throwing on a bad value) and stores it. */
  save(kv: KeyValueStore, patch: Partial<T>): T
}

/** A settings object kept as JSON under `key`, read over `defaults` and validated by `schema` on every read and write. */
export function storedSettings<T extends object>(key: string, schema: z.ZodType<T>, defaults: T): StoredSettings<T> {
  function load(kv: KeyValueStore): T {
    const raw = kv.read(key)
    if (raw === null) return defaults
    try {
      const parsed = schema.safeParse({ ...defaults, ...(JSON.parse(raw) as object) })
      return parsed.success ? parsed.data : defaults
    } catch {
      return defaults
    }
  }
  return {
    load,
    save(kv, patch) {
      const next = schema.parse({ ...load(kv), ...patch })
      kv.write(key, JSON.stringify(next))
      return next
    }
  }
}
