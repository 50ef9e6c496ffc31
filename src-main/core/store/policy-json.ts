import { CoreError } from '#contract/errors'
import { backupPolicySchema, type BackupPolicy } from '#contract/models/policy'

/** Checks a policy before it is stored as JSON, so a bad one fails as `input/invalid`, not as a zod error. */
export function parsePolicyInput(policy: unknown, field: string): BackupPolicy {
  const parsed = backupPolicySchema.safeParse(policy)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue === undefined || issue.path.length === 0 ? '' : ` (${issue.path.join('.')})`
    throw new CoreError('input/invalid', `The ${field} is not a valid backup policy${where}: ${issue?.message ?? ''}`, {
      field
    })
  }
  return parsed.data
}
