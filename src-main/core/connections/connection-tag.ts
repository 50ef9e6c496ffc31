import { connectionTagSchema, type ConnectionTag } from '#contract/models/connection'
import type { StoreDatabase } from '../store/database.ts'
import { findConnection } from '../store/connections.repo.ts'

/** A tag as the connections table keeps it (JSON text). */
export function encodeTag(tag: ConnectionTag | null): string | null {
  return tag === null ? null : JSON.stringify(tag)
}

/** The stored tag; null when there is none or it no longer parses. */
export function decodeTag(raw: string | null): ConnectionTag | null {
  if (raw === null) return null
  try {
    const parsed = connectionTagSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The label of a connection's tag ("prod"), which policy lint reads as a production marker. */
export function connectionTagLabel(db: StoreDatabase, connectionId: string): string | null {
  const connection = findConnection(db, connectionId)
  return connection === null ? null : (decodeTag(connection.tag)?.label ?? null)
}
