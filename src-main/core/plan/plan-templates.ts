import type { PlanTemplate } from '#contract/models/plan'
import { policiesEqual } from '#contract/policy-rules'
import type { StoreDatabase } from '../store/database.ts'
import { listTemplates, saveTemplate } from '../store/templates.repo.ts'

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
