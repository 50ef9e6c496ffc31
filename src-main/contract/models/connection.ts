import { z } from 'zod'
import { CONNECTION_TAG_MAX_LENGTH } from '../limits.ts'

export const connectionTagSchema = z
  .object({
    label: z.string().trim().min(1).max(CONNECTION_TAG_MAX_LENGTH),
    /** One of a fixed palette, so that every screen can colour a connection's data consistently. */
    color: z.enum(['gray', 'blue', 'green', 'amber', 'red', 'purple'])
  })
  .strict()

export type ConnectionTag = z.infer<typeof connectionTagSchema>

/** A connection as the renderer sees it: never the key, only whether one is stored and its last characters. */
export const connectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    baseUrl: z.string(),
    hasToken: z.boolean(),
    /** A masked hint such as `••••3f9a`; null when no key is stored. */
    tokenHint: z.string().nullable(),
    tag: connectionTagSchema.nullable(),
    isActive: z.boolean(),
    createdAt: z.string(),
    lastSyncAt: z.string().nullable(),
    lastSyncError: z.string().nullable()
  })
  .strict()

export type Connection = z.infer<typeof connectionSchema>

export const keychainStatusSchema = z
  .object({
    mode: z.enum(['keychain', 'memory-only']),
    reason: z.string().optional(),
    /** Where the keychain module could not be loaded: the one shell command that enables it. */
    enableCommand: z.string().optional(),
    /** `npm run demo` keeps every key in memory by design, away from the system keychain. */
    demo: z.literal(true).optional()
  })
  .strict()

export type KeychainStatus = z.infer<typeof keychainStatusSchema>
