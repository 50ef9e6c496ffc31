import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { API_KEY_MAX_LENGTH, API_KEY_MIN_LENGTH, CONNECTION_NAME_MAX_LENGTH } from '../limits.ts'
import { connectionSchema, connectionTagSchema, keychainStatusSchema } from '../models/connection.ts'

const id = idSchema
const name = z.string().trim().min(1, 'Give the connection a name.').max(CONNECTION_NAME_MAX_LENGTH)
/** Any https URL, or http on loopback for the emulator; the API client checks it again. */
const baseUrl = z.url('Enter the API address, e.g. https://api.cloud.zilliz.com').max(300)
const apiKey = z.string().trim().min(API_KEY_MIN_LENGTH, 'The API key looks too short.').max(API_KEY_MAX_LENGTH)

export const connectionCommands = {
  /** Checks the key with a real API call, then stores the key in the keychain and the rest in SQLite. */
  'connection/add': defineCommand({
    input: z.object({ name, baseUrl, apiKey, tag: connectionTagSchema.nullable().optional() }).strict(),
    output: connectionSchema
  }),
  'connection/list': defineCommand({ input: z.object({}).strict().default({}), output: z.array(connectionSchema) }),
  /** Deletes the keychain entry and the cached data; unpushed drafts are kept or deleted as asked. */
  'connection/remove': defineCommand({
    input: z.object({ id, drafts: z.enum(['keep', 'delete']).default('keep') }).strict(),
    output: z.object({ id: z.string() })
  }),
  'connection/rename': defineCommand({ input: z.object({ id, name }).strict(), output: connectionSchema }),
  'connection/set-tag': defineCommand({
    input: z.object({ id, tag: connectionTagSchema.nullable() }).strict(),
    output: connectionSchema
  }),
  'connection/update-key': defineCommand({ input: z.object({ id, apiKey }).strict(), output: connectionSchema }),
  /** Tests a stored connection (`id`) or a candidate (`baseUrl` + `apiKey`) without saving anything. */
  'connection/test': defineCommand({
    input: z.union([z.object({ id }).strict(), z.object({ baseUrl, apiKey }).strict()]),
    output: z.object({ projects: z.number().int(), clusters: z.number().int(), latencyMs: z.number() }).strict()
  }),
  /** The connection every screen shows by default. */
  'connection/activate': defineCommand({ input: z.object({ id }).strict(), output: connectionSchema }),
  'keychain/status': defineCommand({ input: z.object({}).strict().default({}), output: keychainStatusSchema })
}
