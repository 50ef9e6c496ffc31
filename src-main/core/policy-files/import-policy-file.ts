import type { PolicyFileProblem } from '#contract/commands/policy-file'
import type { Plan, PlanItem, PlanTemplate } from '#contract/models/plan'
import type { PlanTarget } from '../plan/plan-items.ts'
import type { PlanBuilder } from '../plan/plan-builder.ts'
import { clusterKey } from '../store/cluster-scope.ts'
import { readPolicyFile } from './read-policy-file.ts'
import { backupPolicyOf, resolvePolicyFile, type FileTarget } from './resolve-policy-file.ts'

export type ImportPlanResult = { plan: Plan | null; problems: PolicyFileProblem[] }

/**
 * A policy file as a plan (policy/import-plan, for `backup-desk plan|apply` and Fleet → Import policies…): read and
 * resolved, then the plan engine's usual verdicts per cluster, each item pointing at its line in the file. The plan
 * is stored for plan/apply unless `store` is false. `connectionId` names whose clusters the file's ids mean (plan-context.ts). A file that cannot be read as a whole gives its problems and
 * stores nothing.
 */
export async function importPolicyFile(
  plans: Pick<PlanBuilder, 'build' | 'save' | 'reviewTemplates'>,
  text: string,
  { store, connectionId }: { store: boolean; connectionId?: string | undefined }
): Promise<ImportPlanResult> {
  const read = await readPolicyFile(text)
  if (!read.ok) return { plan: null, problems: read.problems }
  const fileTemplates: PlanTemplate[] = [...read.content.templates].map(([name, t]) => ({ name, policy: backupPolicyOf(t.policy) }))
  const used = new Set<string>()
  const targets = resolvePolicyFile(read.content).map((t) => {
    // An entry without an id still needs a key of its own in the plan (a review lists each item once).
    const clusterId = t.clusterId === '' || used.has(t.clusterId) ? `line-${t.line}` : t.clusterId
    used.add(clusterId)
    return targetOf(t, clusterId)
  })
  const built = plans.build(targets, connectionId)
  // Replacing a template moves the drift of its clusters the file does not list: the plan says so (docs/policy-files.md).
  const listed = new Set(built.items.map((i) => clusterKey(i.connectionId, i.clusterId)))
  const templates = fileTemplates.length === 0 ? [] : plans.reviewTemplates(fileTemplates, listed)
  const plan: Plan = { ...built, items: built.items.map(withFileField), ...(templates.length === 0 ? {} : { templates }) }
  if (store) plans.save(plan)
  return { plan, problems: [] }
}

function targetOf(t: FileTarget, clusterId: string): PlanTarget {
  const labels = { ...(t.templateName === undefined ? {} : { templateName: t.templateName }) }
  if (t.policy === null || t.problem !== null) {
    const field = t.problem?.field
    return {
      clusterId,
      after: (before) => before,
      invalid: { reason: t.problem?.message ?? 'This entry is not valid.', ...(field === undefined ? {} : { field }) },
      source: { line: t.problem?.line ?? t.line, ...(field === undefined ? {} : { field }) },
      ...labels
    }
  }
  const policy = t.policy
  return { clusterId, after: () => policy, source: { line: t.line }, ...labels }
}

/** An item the plan engine found invalid names the file's field: `id` for an unknown cluster, else the policy's field. */
function withFileField(item: PlanItem): PlanItem {
  if (item.verdict !== 'invalid' || item.source === undefined || item.source.field !== undefined || item.field === undefined) return item
  const field = item.field === 'clusterId' ? 'id' : item.templateName === undefined ? `policy.${item.field}` : item.field
  return { ...item, source: { ...item.source, field } }
}
