import { randomUUID } from 'node:crypto'
import { CoreError } from '#contract/errors'
import { backupPolicySchema, type BackupPolicy } from '#contract/models/policy'
import type { Template } from '#contract/models/template'
import { parsePolicyInput } from './policy-json.ts'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

type TemplateRow = { id: string; name: string; policy: string; updated_at: number }
type AssignmentRow = { connection_id: string; cluster_id: string; template_id: string; assigned_at: number }

export type StoredTemplate = Template & { updatedAt: string }
type Assignment = { connectionId: string; clusterId: string; templateId: string; assignedAtMs: number }
type ClusterRef = { connectionId: string; clusterId: string }

export function listTemplates(db: StoreDatabase): StoredTemplate[] {
  const rows = readQuery('list templates', () =>
    db.prepare('SELECT id, name, policy, updated_at FROM templates ORDER BY name COLLATE NOCASE, id').all()
  ) as TemplateRow[]
  return rows.map(fromRow)
}

export function getTemplate(db: StoreDatabase, id: string): StoredTemplate {
  const row = readQuery('read the template', () =>
    db.prepare('SELECT id, name, policy, updated_at FROM templates WHERE id = ?').get(id)
  ) as TemplateRow | undefined
  if (row === undefined) throw new CoreError('input/invalid', 'templateId: there is no such template.', { field: 'templateId' })
  return fromRow(row)
}

/** Creates (no id) or replaces a template. Names are unique ignoring case; the policy is checked before storing. */
export function saveTemplate(db: StoreDatabase, input: { id?: string | undefined; name: string; policy: BackupPolicy }, now: number): StoredTemplate {
  const name = input.name.trim()
  if (name === '' || name.length > 100) throw new CoreError('input/invalid', 'name: a template needs a name of 1 to 100 characters.', { field: 'name' })
  const policy = JSON.stringify(parsePolicyInput(input.policy, 'policy'))
  const id = writeTransaction(db, 'save the template', () => {
    const clash = db.prepare('SELECT id FROM templates WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined
    if (clash !== undefined && clash.id !== input.id) {
      throw new CoreError('input/invalid', 'name: another template already has this name.', { field: 'name' })
    }
    if (input.id === undefined) {
      const newId = randomUUID()
      db.prepare('INSERT INTO templates (id, name, policy, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(newId, name, policy, now, now)
      return newId
    }
    const updated = db.prepare('UPDATE templates SET name = ?, policy = ?, updated_at = ? WHERE id = ?').run(name, policy, now, input.id)
    if (updated.changes === 0) throw new CoreError('input/invalid', 'id: there is no such template.', { field: 'id' })
    return input.id
  })
  return getTemplate(db, id)
}

/** Deletes a template and its assignments; returns the clusters it was assigned to. */
export function deleteTemplate(db: StoreDatabase, id: string): string[] {
  return writeTransaction(db, 'delete the template', () => {
    const clusters = (db.prepare('SELECT cluster_id FROM template_assignments WHERE template_id = ? ORDER BY cluster_id').all(id) as { cluster_id: string }[]).map((r) => r.cluster_id)
    const deleted = db.prepare('DELETE FROM templates WHERE id = ?').run(id)
    if (deleted.changes === 0) throw new CoreError('input/invalid', 'id: there is no such template.', { field: 'id' })
    return clusters
  })
}

/** Records `templateId` as the standard of each cluster (replacing an earlier assignment). */
export function assignTemplate(db: StoreDatabase, templateId: string, clusters: readonly ClusterRef[], now: number): void {
  if (clusters.length === 0) return
  writeTransaction(db, 'assign the template', () => {
    const upsert = db.prepare(
      `INSERT INTO template_assignments (connection_id, cluster_id, template_id, assigned_at)
       SELECT ?, ?, id, ? FROM templates WHERE id = ?
       ON CONFLICT (connection_id, cluster_id) DO UPDATE SET template_id = excluded.template_id, assigned_at = excluded.assigned_at
       WHERE template_assignments.template_id <> excluded.template_id`
    )
    // A template deleted in the meantime assigns nothing.
    for (const c of clusters) upsert.run(c.connectionId, c.clusterId, now, templateId)
  })
}

/** Forgets the clusters' assignments: of one connection's clusters when named, else of every copy of these ids. */
export function unassignTemplates(db: StoreDatabase, clusterIds: readonly string[], connectionId?: string): number {
  return writeTransaction(db, 'unassign templates', () =>
    db.prepare('DELETE FROM template_assignments WHERE cluster_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR connection_id = ?)')
      .run(JSON.stringify(clusterIds), connectionId ?? null, connectionId ?? null).changes
  )
}

export function listAssignments(db: StoreDatabase, filter: { connectionId?: string } = {}): Assignment[] {
  const rows = readQuery('list template assignments', () =>
    db.prepare('SELECT * FROM template_assignments WHERE (@connectionId IS NULL OR connection_id = @connectionId)').all({ connectionId: filter.connectionId ?? null })
  ) as AssignmentRow[]
  return rows.map((r) => ({ connectionId: r.connection_id, clusterId: r.cluster_id, templateId: r.template_id, assignedAtMs: r.assigned_at }))
}

function fromRow(row: TemplateRow): StoredTemplate {
  return { id: row.id, name: row.name, policy: backupPolicySchema.parse(JSON.parse(row.policy)), updatedAt: toIso(row.updated_at) }
}
