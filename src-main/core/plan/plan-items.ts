import type { PlanChange, PlanItem } from '#contract/models/plan'
import type { BackupPolicy } from '#contract/models/policy'
import { parseFrequency, policiesEqual, validatePolicy } from '#contract/policy-rules'
import { unsupportedReason } from '../fleet/unsupported-reason.ts'
import type { PlanCluster } from '../store/plan.query.ts'

/** What the plan rules read: the cache as it is now. */
export type PlanContext = {
  /** The cluster a selected id means, with its project name and mirrored policy (plan-context.ts: one connection's). */
  clusterOf: (clusterId: string) => PlanCluster | undefined
  hasOpenDraft: (cluster: PlanCluster) => boolean
  /** For an id the plan's connection does not list: that connection's name and the names of those that do. */
  listedElsewhere?: (clusterId: string) => { named: string; listing: string[] } | null
}

/** One cluster's intended policy, computed from its current one. */
export type PlanTarget = {
  clusterId: string
  after: (before: BackupPolicy) => BackupPolicy
  templateId?: string
  templateName?: string
  source?: { line: number; field?: string }
  /** The target is known to be unusable before the cache is read (a policy file's bad entry). */
  invalid?: { reason: string; field?: string }
}

type FieldsChange = Extract<PlanChange, { kind: 'fields' }>

/**
 * An open draft (a conflict an earlier apply left, or an edit in the app) must be pushed or discarded before the
 * cluster can be planned again; only the app's Drafts view does that (the command line has no drafts command, and
 * says so after a conflict: cli/format/plan-diff.ts).
 */
export const OPEN_DRAFT_REASON =
  'A draft is already open for this cluster (a conflict an earlier apply left, or an edit in the app): push or discard it in the app\'s Drafts view, then plan again.'

/**
 * The verdict for one cluster, in the order an admin would ask: is it a cluster we can back up at all, is it in a
 * state to change, is someone already editing it, is the new policy possible there and valid, does it change anything.
 */
export function planItem(target: PlanTarget, ctx: PlanContext): PlanItem {
  const cluster = ctx.clusterOf(target.clusterId)
  const labels = {
    ...(target.templateId === undefined ? {} : { templateId: target.templateId }),
    ...(target.templateName === undefined ? {} : { templateName: target.templateName }),
    ...(target.source === undefined ? {} : { source: target.source })
  }
  if (target.invalid !== undefined) {
    const { reason, field } = target.invalid
    return { clusterId: target.clusterId, clusterName: cluster?.clusterName ?? target.clusterId, connectionId: cluster?.connectionId ?? '',
      projectName: cluster?.projectName ?? '', ...(cluster === undefined ? {} : { regionId: cluster.regionId }), verdict: 'invalid',
      before: cluster?.policy ?? null, after: null, reason, ...(field === undefined ? {} : { field }), ...labels }
  }
  if (cluster === undefined) {
    return { clusterId: target.clusterId, clusterName: target.clusterId, connectionId: '', projectName: '', verdict: 'invalid',
      before: null, after: null, field: 'clusterId', reason: unknownClusterReason(target.clusterId, ctx), ...labels }
  }
  const base = { clusterId: cluster.clusterId, clusterName: cluster.clusterName, connectionId: cluster.connectionId, projectName: cluster.projectName,
    regionId: cluster.regionId, ...labels }
  const before = cluster.policy
  const skip = (reason: string, after: BackupPolicy | null = null): PlanItem => ({ ...base, verdict: 'skip', before, after, reason })
  const notSupported = unsupportedReason(cluster)
  if (notSupported !== null) return skip(notSupported)
  if (cluster.status !== 'RUNNING') return skip(`The cluster is ${cluster.status}, not RUNNING.`)
  // The target is still worked out, so the plan shows what the draft holds back and the cluster counts as not in sync.
  if (ctx.hasOpenDraft(cluster)) return skip(OPEN_DRAFT_REASON, before === null ? null : target.after(before))
  if (before === null) return skip('Its policy has not been read yet: sync first.')
  const after = target.after(before)
  if (after.enabled && (after.crossRegionCopies ?? []).length > 0 && cloudOf(cluster.regionId) === 'az') {
    return skip('Cross-region copies are not available on Azure.', after)
  }
  const issue = validatePolicy(after)[0] ?? copyCloudIssue(cluster, after)
  if (issue !== null) return { ...base, verdict: 'invalid', before, after, field: issue.field, reason: issue.message }
  if (policiesEqual(before, after)) return { ...base, verdict: 'same', before, after }
  return { ...base, verdict: 'change', before, after }
}

/** Why an id is not known: in another connection (name it, so the run can be repeated with it), or nowhere synced. */
function unknownClusterReason(clusterId: string, ctx: PlanContext): string {
  const elsewhere = ctx.listedElsewhere?.(clusterId) ?? null
  if (elsewhere === null) return 'This cluster is not known here: sync, or check the id.'
  const [other = ''] = elsewhere.listing
  return `${clusterId} is in ${elsewhere.listing.join(' and ')}, not ${elsewhere.named}: run with --connection "${other}" (in the app, open the Fleet of ${other}).`
}

/** Clusters whose policy goes from off (or none) to on: Zilliz Cloud starts a backup on each at once. */
export function countStartsBackups(items: readonly PlanItem[]): number {
  return items.filter((i) => i.verdict === 'change' && i.after?.enabled === true && i.before?.enabled !== true).length
}

/** Field edits applied to a cluster's current policy: set what is given, then add and remove weekdays. */
export function applyFields(change: FieldsChange, before: BackupPolicy): BackupPolicy {
  const next: BackupPolicy = { ...before }
  if (change.enabled !== undefined) next.enabled = change.enabled
  if (change.frequency !== undefined) next.frequency = change.frequency
  if (change.startTime !== undefined) next.startTime = change.startTime
  if (change.retentionDays !== undefined) next.retentionDays = change.retentionDays
  if (change.crossRegionCopies !== undefined) next.crossRegionCopies = change.crossRegionCopies
  if (change.addDays !== undefined || change.removeDays !== undefined) {
    const days = new Set(parseFrequency(next.frequency))
    for (const d of change.addDays ?? []) days.add(d)
    for (const d of change.removeDays ?? []) days.delete(d)
    next.frequency = [...days].sort((a, b) => a - b).join(',')
  }
  return next
}

/** The cloud a region id belongs to, by its prefix (`aws-us-east-1`, `gcp-…`, `az-eastus`, `ali-…`, `tc-…`). */
function cloudOf(regionId: string): string {
  return regionId.split('-')[0] ?? ''
}

/** Copies stay with the cluster's cloud provider (docs/zilliz-api-notes.md#cross-region). */
function copyCloudIssue(cluster: PlanCluster, after: BackupPolicy): { field: string; message: string } | null {
  if (!after.enabled) return null
  const cloud = cloudOf(cluster.regionId)
  const foreign = (after.crossRegionCopies ?? []).find((c) => cloudOf(c.regionId) !== cloud)
  return foreign === undefined ? null : { field: 'crossRegionCopies', message: `Copies must stay with the cluster's cloud provider (${foreign.regionId} is elsewhere).` }
}
