import { Document } from 'yaml'
import type { ClusterSummary } from '#contract/commands/cluster'
import type { PolicyExportFormat } from '#contract/commands/policy-file'
import type { BackupPolicy } from '#contract/models/policy'
import { POLICY_FILE_API_VERSION, POLICY_FILE_KIND, type FilePolicy, type PolicyFile } from '#contract/models/policy-file'
import { terraformOf } from './export-terraform.ts'

/** A cluster as an export needs it: only clusters whose policy has been read and can be backed up. */
export type ExportableCluster = Pick<ClusterSummary, 'clusterId' | 'clusterName' | 'projectName' | 'regionId'> & { policy: BackupPolicy }

export function exportableClusters(summaries: readonly ClusterSummary[]): ExportableCluster[] {
  return summaries
    .filter((c): c is ClusterSummary & { policy: BackupPolicy } => c.supportsBackup && c.policy !== null)
    .sort((a, b) => a.projectName.localeCompare(b.projectName) || a.clusterName.localeCompare(b.clusterName) || a.clusterId.localeCompare(b.clusterId))
}

const HEADER = [
  ' Backup Desk policy file (docs/policy-files.md): the clusters below get exactly these policies;',
  ' clusters not listed are left alone. `backup-desk plan <file>` shows what applying it would change.'
].join('\n')

/** The file's content for `clusters`, one entry per cluster with its whole policy. */
function policyFileOf(clusters: readonly ExportableCluster[]): PolicyFile {
  return {
    apiVersion: POLICY_FILE_API_VERSION,
    kind: POLICY_FILE_KIND,
    clusters: clusters.map((c) => ({ id: c.clusterId, name: c.clusterName, project: c.projectName, policy: filePolicyOf(c.policy) }))
  }
}

/** A mirrored policy in file form: a switched-off one is just `enabled: false` (the API keeps no schedule). */
function filePolicyOf(policy: BackupPolicy): FilePolicy {
  if (!policy.enabled) return { enabled: false }
  const copies = policy.crossRegionCopies ?? []
  return {
    enabled: true,
    frequency: policy.frequency,
    startTime: policy.startTime,
    retentionDays: policy.retentionDays,
    ...(copies.length === 0 ? {} : { crossRegionCopies: copies.map((c) => ({ regionId: c.regionId, retentionDays: c.retentionDays })) })
  }
}

const FILENAMES: Record<PolicyExportFormat, string> = {
  yaml: 'backup-policies.yaml',
  json: 'backup-policies.json',
  terraform: 'backup-policies.tf'
}

/** The exported file. No date or machine detail goes in, so exporting an unchanged fleet gives the same bytes (Git-friendly). */
export function exportPolicies(clusters: readonly ExportableCluster[], format: PolicyExportFormat): { filename: string; content: string } {
  const filename = FILENAMES[format]
  if (format === 'terraform') return { filename, content: terraformOf(clusters) }
  const file = policyFileOf(clusters)
  if (format === 'json') return { filename, content: JSON.stringify(file, null, 2) + '\n' }
  const doc = new Document(file)
  doc.commentBefore = HEADER
  return { filename, content: doc.toString({ lineWidth: 0 }) }
}
