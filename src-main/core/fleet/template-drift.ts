import type { MirroredPolicy } from '#contract/models/cluster'
import type { ClusterTemplate, TemplateListItem } from '#contract/models/template'
import { describeDrift, driftFields } from '#contract/drift-rules'
import type { NoticeDraft } from '../schedule/ledger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies } from '../store/cache.query.ts'
import { clusterKey as key } from '../store/cluster-scope.ts'
import { latestChangeTimes } from '../store/history.repo.ts'
import { listAssignments, listTemplates, type StoredTemplate } from '../store/templates.repo.ts'

/**
 * Each assigned cluster of a connection: its template and the fields on which the mirrored remote departs from it.
 * `policies` (by cluster ID) are the mirrored policies when the caller already read them.
 */
export function clusterTemplates(
  db: StoreDatabase,
  connectionId: string,
  policies?: ReadonlyMap<string, MirroredPolicy>
): Map<string, ClusterTemplate> {
  const assignments = listAssignments(db, { connectionId })
  if (assignments.length === 0) return new Map()
  const templates = new Map(listTemplates(db).map((t) => [t.id, t]))
  const mirrored = policies ?? new Map(listMirroredPolicies(db, { connectionId }).map((p) => [p.clusterId, p]))
  const result = new Map<string, ClusterTemplate>()
  for (const a of assignments) {
    const template = templates.get(a.templateId)
    if (template === undefined) continue
    result.set(a.clusterId, { id: template.id, name: template.name, drift: driftOf(template, mirrored.get(a.clusterId)) })
  }
  return result
}

/** Every template with the clusters assigned to it (across connections) and how many have drifted. */
export function templateListItems(db: StoreDatabase): TemplateListItem[] {
  const assignments = listAssignments(db)
  const names = new Map(listClusters(db).map((c) => [key(c.connectionId, c.clusterId), c.clusterName]))
  const policies = mirroredByKey(db, new Set(assignments.map((a) => a.connectionId)))
  return listTemplates(db).map((template) => {
    const assigned = assignments
      .filter((a) => a.templateId === template.id)
      .map((a) => ({
        clusterId: a.clusterId,
        connectionId: a.connectionId,
        clusterName: names.get(key(a.connectionId, a.clusterId)) ?? a.clusterId,
        drift: driftOf(template, policies.get(key(a.connectionId, a.clusterId)))
      }))
      .sort((x, y) => x.clusterName.localeCompare(y.clusterName))
    return { ...template, assigned, drifted: assigned.filter((a) => a.drift.length > 0).length }
  })
}

/**
 * `drift` notices for the ledger: one per (cluster, remote policy version). The version is when the cluster's
 * policy last changed in the local history; only a change seen after the assignment counts, so assigning a
 * template to clusters that differ (the admin knows: the review said so) raises nothing until the remote moves.
 */
export function driftNotices(db: StoreDatabase): NoticeDraft[] {
  const assignments = listAssignments(db)
  if (assignments.length === 0) return []
  const templates = new Map(listTemplates(db).map((t) => [t.id, t]))
  const changedAt = latestChangeTimes(db)
  const policies = mirroredByKey(db, new Set(assignments.map((a) => a.connectionId)))
  const names = new Map(listClusters(db).map((c) => [key(c.connectionId, c.clusterId), c.clusterName]))
  const notices: NoticeDraft[] = []
  for (const a of assignments) {
    const template = templates.get(a.templateId)
    const mirrored = policies.get(key(a.connectionId, a.clusterId))
    const version = changedAt.get(key(a.connectionId, a.clusterId))
    if (template === undefined || mirrored === undefined || version === undefined || version <= a.assignedAtMs) continue
    const sentence = describeDrift(template.name, template.policy, mirrored.policy)
    if (sentence === null) continue
    const clusterName = names.get(key(a.connectionId, a.clusterId)) ?? a.clusterId
    notices.push({ connectionId: a.connectionId, clusterId: a.clusterId, kind: 'drift', slotMs: version, severity: 'warning',
      title: `${clusterName} drifted from ${template.name}`, body: `${sentence}. Bring it back to the template from Fleet or Templates.` })
  }
  return notices
}

function driftOf(template: StoredTemplate, mirrored: MirroredPolicy | undefined): string[] {
  return mirrored === undefined ? [] : driftFields(template.policy, mirrored.policy)
}

function mirroredByKey(db: StoreDatabase, connectionIds: ReadonlySet<string>): Map<string, MirroredPolicy> {
  const map = new Map<string, MirroredPolicy>()
  for (const connectionId of connectionIds) {
    for (const p of listMirroredPolicies(db, { connectionId })) map.set(key(connectionId, p.clusterId), p)
  }
  return map
}
