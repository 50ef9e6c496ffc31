import type { FilePolicy } from '#contract/models/policy-file'
import { validatePolicy, type BackupPolicy } from '#contract/models/policy'
import type { FileClusterEntry, FileProblem, PolicyFileContent } from './read-policy-file.ts'

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
  const linesOf = entryLinesById(content)
  const reported = new Set<string>()
  return content.clusters.flatMap((entry): FileTarget[] => {
    const id = entry.ok ? entry.cluster.id : entry.clusterId
    const lines = id === null ? [] : (linesOf.get(id) ?? [])
    if (id === null || lines.length < 2) return [resolveEntry(entry, content)]
    // A cluster listed twice is one invalid target at its first entry: neither entry says what the file wants.
    if (reported.has(id)) return []
    reported.add(id)
    const message = `Cluster ${id} is listed ${lines.length} times in this file (lines ${listOfLines(lines)}): keep one entry; none is applied.`
    return [{ ...aboutEntry(entry), policy: null, problem: { line: entry.line, field: 'id', message } }]
  })
}

/** The line of each entry by the cluster id it names. */
function entryLinesById(content: PolicyFileContent): Map<string, number[]> {
  const linesOf = new Map<string, number[]>()
  for (const entry of content.clusters) {
    const id = entry.ok ? entry.cluster.id : entry.clusterId
    if (id !== null) linesOf.set(id, [...(linesOf.get(id) ?? []), entry.line])
  }
  return linesOf
}

/** `4 and 9`, `4, 9 and 12`. */
function listOfLines(lines: readonly number[]): string {
  return lines.length < 2 ? lines.join('') : `${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1] ?? ''}`
}

/** What names the entry's cluster, for the plan's labels. */
function aboutEntry(entry: FileClusterEntry): Omit<FileTarget, 'policy' | 'problem'> {
  if (!entry.ok) return { clusterId: entry.clusterId ?? '', line: entry.line }
  const { cluster, line } = entry
  return {
    clusterId: cluster.id,
    line,
    ...(cluster.name === undefined ? {} : { name: cluster.name }),
    ...(cluster.project === undefined ? {} : { project: cluster.project }),
    ...(cluster.template === undefined ? {} : { templateName: cluster.template })
  }
}

function resolveEntry(entry: FileClusterEntry, content: PolicyFileContent): FileTarget {
  if (!entry.ok) return { ...aboutEntry(entry), policy: null, problem: entry.problem }
  const { cluster, line } = entry
  const about = aboutEntry(entry)
  const invalid = (field: string, message: string): FileTarget => ({ ...about, policy: null, problem: { line, field, message } })
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
