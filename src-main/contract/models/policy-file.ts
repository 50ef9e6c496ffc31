import { z } from 'zod'
import { FREQUENCY_PATTERN, RETENTION_MAX, RETENTION_MIN, START_TIME_PATTERN } from '../policy-rules.ts'

/*
 * The policy file (docs/policy-files.md): a fleet's backup policies as YAML or JSON, in the API's own
 * field names. This schema is the one rule: the core parses files with it, and the JSON Schema that
 * editors use (docs/policy-file.schema.json) is generated from it by scripts/generate-policy-schema.ts.
 */

export const POLICY_FILE_API_VERSION = 'backup-desk/v1'
export const POLICY_FILE_KIND = 'BackupPolicySet'

const frequency = z
  .string()
  .regex(FREQUENCY_PATTERN, 'Use weekday numbers 1 (Monday) to 7 (Sunday), comma-separated, e.g. 1,3,5.')
  .describe('Weekdays of the automatic backup, 1 = Monday … 7 = Sunday, comma-separated.')
const startTime = z
  .string()
  .regex(START_TIME_PATTERN, 'Use a UTC window like 02:00-04:00.')
  .describe('The UTC window in which the backup starts, HH:mm-HH:mm.')
const retentionMessage = `Retention must be between ${RETENTION_MIN} and ${RETENTION_MAX} days.`
const retentionDays = z
  .number(retentionMessage)
  .int(retentionMessage)
  .min(RETENTION_MIN, retentionMessage)
  .max(RETENTION_MAX, retentionMessage)
  .describe(`Days each backup is kept (${RETENTION_MIN}–${RETENTION_MAX}).`)
const crossRegionCopies = z
  .array(z.object({ regionId: z.string().min(1).max(100), retentionDays }).strict())
  .max(20)
  .describe('Copies of each backup kept in other regions.')

const enabledPolicySchema = z
  .object({ enabled: z.literal(true), frequency, startTime, retentionDays, crossRegionCopies: crossRegionCopies.optional() })
  .strict()
/** A switched-off policy needs nothing else; schedule fields may stay for when it is switched back on. */
const disabledPolicySchema = z
  .object({
    enabled: z.literal(false),
    frequency: frequency.optional(),
    startTime: startTime.optional(),
    retentionDays: retentionDays.optional(),
    crossRegionCopies: crossRegionCopies.optional()
  })
  .strict()

/** A complete policy: automatic backups on with a schedule, or off. */
export const filePolicySchema = z.discriminatedUnion('enabled', [enabledPolicySchema, disabledPolicySchema])

/** Fields that replace the template's for one cluster. */
export const policyOverridesSchema = z
  .object({ enabled: z.boolean(), frequency, startTime, retentionDays, crossRegionCopies })
  .partial()
  .strict()

export const templateNameSchema = z.string().trim().min(1).max(80)

export const policyFileClusterSchema = z
  .object({
    id: z.string().min(1).max(100).describe('The Zilliz Cloud cluster id, e.g. in01-0123456789abcdef.'),
    name: z.string().max(200).optional().describe('For people: the cluster name. Not used to match.'),
    project: z.string().max(200).optional().describe('For people: the project name. Not used to match.'),
    template: templateNameSchema.optional().describe('A template of this file by name.'),
    overrides: policyOverridesSchema.optional().describe('With `template`: fields that differ for this cluster.'),
    policy: filePolicySchema.optional().describe('The whole policy, instead of a template.')
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.template !== undefined && entry.policy !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['policy'], message: 'Give either template (with overrides) or policy, not both.' })
    } else if (entry.template === undefined && entry.policy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'Give the cluster a template or a policy.' })
    }
    if (entry.overrides !== undefined && entry.template === undefined) {
      ctx.addIssue({ code: 'custom', path: ['overrides'], message: 'Overrides apply to a template: add template.' })
    }
  })

/** The file without its cluster entries, which are checked one by one so one bad entry spoils only itself. */
export const policyFileHeaderSchema = z
  .object({
    apiVersion: z.literal(POLICY_FILE_API_VERSION, `apiVersion must be ${POLICY_FILE_API_VERSION}.`),
    kind: z.literal(POLICY_FILE_KIND, `kind must be ${POLICY_FILE_KIND}.`),
    templates: z.record(templateNameSchema, filePolicySchema).optional().describe('Named policies that clusters refer to.'),
    clusters: z.array(z.unknown()).optional()
  })
  .strict()

export const policyFileSchema = policyFileHeaderSchema
  .extend({ clusters: z.array(policyFileClusterSchema).optional().describe('Clusters this file sets; others are left alone.') })
  .describe('A set of Zilliz Cloud backup policies for Backup Desk (docs/policy-files.md).')

/** Every field name a policy file can hold, read from the schemas above: the reader's "did you mean" for a misspelt one. */
export const POLICY_FILE_FIELDS: readonly string[] = [
  ...new Set([
    ...Object.keys(policyFileHeaderSchema.shape),
    ...Object.keys(policyFileClusterSchema.shape),
    ...Object.keys(policyOverridesSchema.shape),
    ...Object.keys(crossRegionCopies.element.shape)
  ])
]

export type PolicyFile = z.infer<typeof policyFileSchema>
export type PolicyFileCluster = z.infer<typeof policyFileClusterSchema>
export type FilePolicy = z.infer<typeof filePolicySchema>

/** The JSON Schema editors validate policy files with, generated from the zod schema above. */
export function policyFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(policyFileSchema, { io: 'input', target: 'draft-7' }),
    $id: 'https://backup-desk.invalid/policy-file.schema.json',
    title: 'Backup Desk policy file'
  }
}
