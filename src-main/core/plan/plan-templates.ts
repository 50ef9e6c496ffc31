import { driftFields } from '#contract/drift-rules'
import type { PlanTemplate } from '#contract/models/plan'
import type { BackupPolicy } from '#contract/models/policy'
import { policiesEqual } from '#contract/policy-rules'
import { clusterKey } from '../store/cluster-scope.ts'
import type { StoreDatabase } from '../store/database.ts'
import { planClusters } from '../store/plan.query.ts'
import { listAssignments, listTemplates, saveTemplate } from '../store/templates.repo.ts'

/**
 * A policy file's templates, upserted by name (ignoring case, as template names are unique) when its plan is applied:
 * a new name is created, a known one takes the file's policy (and spelling), an unchanged one is left as it is.
 * Returns each template's id by lower-cased name, for assigning the clusters that name it.
 */
export function saveFileTemplates(db: StoreDatabase, templates: readonly PlanTemplate[], now: number): Map<string, string> {
  const known = new Map(listTemplates(db).map((t) => [t.name.toLowerCase(), t]))
  const ids = new Map<string, string>()
  for (const { name, policy } of templates) {
    const key = name.toLowerCase()
    const existing = known.get(key)
    if (existing !== undefined && existing.name === name && policiesEqual(existing.policy, policy)) {
      ids.set(key, existing.id)
      continue
    }
    ids.set(key, saveTemplate(db, { ...(existing === undefined ? {} : { id: existing.id }), name, policy }, now).id)
  }
  return ids
}

/**
 * A file's templates against the stored ones of the same names, for the plan: each `added`, `changed` (with the stored
 * policy as `before`) or `unchanged`, and for a changed one the clusters assigned to it that the file does not list,
 * whose drift moves although their remote policy does not (replacing `std` makes its other clusters drift, or stop).
 * `listed`: the `clusterKey`s of the file's clusters, which the plan's items already show.
 */
export function reviewFileTemplates(db: StoreDatabase, templates: readonly PlanTemplate[], listed: ReadonlySet<string>): PlanTemplate[] {
  const known = new Map(listTemplates(db).map((t) => [t.name.toLowerCase(), t]))
  const assignments = listAssignments(db)
  return templates.map((template) => {
    const stored = known.get(template.name.toLowerCase())
    if (stored === undefined) return { ...template, change: 'added' }
    if (stored.name === template.name && policiesEqual(stored.policy, template.policy)) return { ...template, change: 'unchanged' }
    const assigned = assignments.filter((a) => a.templateId === stored.id && !listed.has(clusterKey(a.connectionId, a.clusterId)))
    const affects = driftMoves(db, assigned, stored.policy, template.policy)
    return { ...template, change: 'changed', before: stored.policy, ...(affects.length === 0 ? {} : { affects }) }
  })
}

type Drift = NonNullable<PlanTemplate['affects']>[number]

/** The assigned clusters whose drift fields differ between the old and the new template policy. */
function driftMoves(db: StoreDatabase, assigned: readonly { connectionId: string; clusterId: string }[], before: BackupPolicy, after: BackupPolicy): Drift[] {
  if (assigned.length === 0) return []
  const wanted = new Set(assigned.map((a) => clusterKey(a.connectionId, a.clusterId)))
  const clusters = planClusters(db, [...new Set(assigned.map((a) => a.clusterId))]).filter((c) => wanted.has(clusterKey(c.connectionId, c.clusterId)))
  const moves: Drift[] = []
  for (const c of clusters) {
    // A policy not read yet has no drift to move.
    if (c.policy === null) continue
    const driftBefore = driftFields(before, c.policy)
    const driftAfter = driftFields(after, c.policy)
    if (driftBefore.join() === driftAfter.join()) continue
    moves.push({ clusterId: c.clusterId, clusterName: c.clusterName, connectionId: c.connectionId, driftBefore, driftAfter })
  }
  return moves.sort((a, b) => a.clusterName.localeCompare(b.clusterName) || a.clusterId.localeCompare(b.clusterId))
}
