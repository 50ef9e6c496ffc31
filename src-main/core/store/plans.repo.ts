import { CoreError } from '#contract/errors'
import { planApplyResultSchema, planSchema, type Plan, type PlanApplyResult } from '#contract/models/plan'
import type { StoreDatabase } from './database.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** Plans older than this are pruned when a new one is stored: a review is a matter of minutes, not weeks. */
const KEEP_MS = 7 * 24 * 3_600_000

export type StoredPlan = { plan: Plan; results: Map<string, PlanApplyResult> }

export function savePlan(db: StoreDatabase, plan: Plan, now: number): void {
  writeTransaction(db, 'store the plan', () => {
    db.prepare('DELETE FROM plans WHERE created_at < ?').run(now - KEEP_MS)
    db.prepare('INSERT INTO plans (id, created_at, body) VALUES (?, ?, ?)').run(plan.id, now, JSON.stringify(plan))
  })
}

export function getPlan(db: StoreDatabase, id: string): StoredPlan {
  const row = readQuery('read the plan', () => db.prepare('SELECT body, results FROM plans WHERE id = ?').get(id)) as
    | { body: string; results: string }
    | undefined
  if (row === undefined) throw new CoreError('input/invalid', 'planId: there is no such plan (plans are kept for 7 days).', { field: 'planId' })
  const results = Object.values(JSON.parse(row.results) as Record<string, unknown>).map((r) => planApplyResultSchema.parse(r))
  return { plan: planSchema.parse(JSON.parse(row.body)), results: new Map(results.map((r) => [r.clusterId, r])) }
}

/** Merges the latest results (per cluster) into the plan's record, so a retry knows each item's draft and state. */
export function recordPlanResults(db: StoreDatabase, id: string, results: readonly PlanApplyResult[]): void {
  writeTransaction(db, 'record the plan results', () => {
    const row = db.prepare('SELECT results FROM plans WHERE id = ?').get(id) as { results: string } | undefined
    if (row === undefined) return
    const merged = JSON.parse(row.results) as Record<string, PlanApplyResult>
    for (const r of results) merged[r.clusterId] = r
    db.prepare('UPDATE plans SET results = ? WHERE id = ?').run(JSON.stringify(merged), id)
  })
}
