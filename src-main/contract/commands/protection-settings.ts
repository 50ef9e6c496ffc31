import { z } from 'zod'
import { defineCommand } from '../define.ts'

/** Settings of the protection features: how long the backup history keeps gone backups, and lint rules off. */
export const protectionSettingsSchema = z
  .object({
    /** Backups gone from the API for longer than this are forgotten by the local history. */
    historyRetentionDays: z.number().int().min(30).max(3650),
    /** Policy lint rule IDs switched off (see src-main/contract/policy-lint.ts). */
    lintRulesOff: z.array(z.string().min(1).max(100)).max(50)
  })
  .strict()

export type ProtectionSettings = z.infer<typeof protectionSettingsSchema>

export const DEFAULT_PROTECTION_SETTINGS: ProtectionSettings = { historyRetentionDays: 400, lintRulesOff: [] }

export const protectionSettingsCommands = {
  'protection-settings/get': defineCommand({
    input: z.object({}).strict().default({}),
    output: protectionSettingsSchema
  }),
  /** Changes some protection settings; returns all of them. */
  'protection-settings/update': defineCommand({
    input: protectionSettingsSchema.partial().strict(),
    output: protectionSettingsSchema
  })
}
