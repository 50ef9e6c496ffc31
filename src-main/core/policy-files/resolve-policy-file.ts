import type { FilePolicy } from '#contract/models/policy-file'
import { validatePolicy, type BackupPolicy } from '#contract/models/policy'
import type { FileProblem, PolicyFileContent } from './read-policy-file.ts'

/** What a file asks of one cluster: the policy it should have, or why the entry cannot be used. */
export type FileTarget = {
  clusterId: string
  name?: string
  project?: string
  templateName?: string
  /** The line of the cluster's entry. */
  line: number
  policy: BackupPolicy | null
  problem: FileProblem | null
}

type PartialPolicy = Partial<FilePolicy> & { crossRegionCopies?: FilePolicy['crossRegionCopies'] }

/**
 * Resolves each cluster entry of a read file to its target policy: a template's policy with the
 * entry's overrides on top, or the entry's own policy. Pure: nothing is read or written.
 * An absent `crossRegionCopies` means none, so a file says everything about the clusters it lists.
 */
export function resolvePolicyFile(content: PolicyFileContent): FileTarget[] {
  const firstLineOf = new Map<string, number>()
  return content.clusters.map((entry): FileTarget => {
    if (!entry.ok) return { clusterId: entry.clusterId ?? '', line: entry.line, policy: null, problem: entry.problem }
    const { cluster, line } = entry
    const about = {
      clusterId: cluster.id,
      line,
      ...(cluster.name === undefined ? {} : { name: cluster.name }),
      ...(cluster.project === undefined ? {} : { project: cluster.project }),
      ...(cluster.template === undefined ? {} : { templateName: cluster.template })
    }
    const invalid = (field: string, message: string): FileTarget => ({ ...about, policy: null, problem: { line, field, message } })
    const earlier = firstLineOf.get(cluster.id)
    if (earlier !== undefined) return invalid('id', `Cluster ${cluster.id} is already listed at line ${earlier}.`)
    firstLineOf.set(cluster.id, line)

    let merged: PartialPolicy
    if (cluster.template !== undefined) {
      const template = content.templates.get(cluster.template)
      if (template === undefined) return invalid('template', `There is no template named ${cluster.template} in this file.`)
      merged = { ...template.policy, ...cluster.overrides }
    } else {
      merged = cluster.policy ?? {}
    }
    const policy = toBackupPolicy(merged)
    if ('missing' in policy) return invalid(cluster.template === undefined ? 'policy' : 'overrides', `Automatic backups are on, so ${policy.missing} is needed.`)
    const [issue] = validatePolicy(policy)
    if (issue !== undefined) return invalid(issue.field, issue.message)
    return { ...about, policy, problem: null }
  })
}

/** A complete file policy (a template's) in the API's shape. */
export function backupPolicyOf(policy: FilePolicy): BackupPolicy {
  const converted = toBackupPolicy(policy)
  // The file schema requires the schedule of an enabled policy, so nothing can be missing here.
  if ('missing' in converted) throw new Error(`A complete policy lacks ${converted.missing}.`)
  return converted
}

/** The API's shape: a switched-off policy carries the API's zero values (as the mirror stores it). */
function toBackupPolicy(p: PartialPolicy): BackupPolicy | { missing: string } {
  if (p.enabled !== true) return { enabled: false, frequency: '', startTime: '', retentionDays: 0 }
  if (p.frequency === undefined) return { missing: 'frequency' }
  if (p.startTime === undefined) return { missing: 'startTime' }
  if (p.retentionDays === undefined) return { missing: 'retentionDays' }
  return {
    enabled: true,
    frequency: p.frequency,
    startTime: p.startTime,
    retentionDays: p.retentionDays,
    crossRegionCopies: (p.crossRegionCopies ?? []).map((c) => ({ regionId: c.regionId, retentionDays: c.retentionDays }))
  }
}
