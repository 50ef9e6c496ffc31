import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { HISTORY_RETENTION_DAYS_RANGE } from '../limits.ts'

/** Settings of the protection features: how long the backup history keeps gone backups, and lint rules off. */
export const protectionSettingsSchema = z
  .object({
    /** Backups gone from the API for longer than this are forgotten by the local history. */
    historyRetentionDays: z.number().int().min(HISTORY_RETENTION_DAYS_RANGE.min).max(HISTORY_RETENTION_DAYS_RANGE.max),
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
