import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { timelineLanes } from '#core/fleet/timeline-lanes'
import type { StoreDatabase } from '#core/store/database'
import { replaceClusters } from '#core/store/mirror.repo'
import { CONNECTION_ID, makeTempDir, openWithConnection } from '../store/store-fixtures.ts'

const DAY_MS = 86_400_000
const NOW = Date.UTC(2026, 10, 26, 12)

let db: StoreDatabase
let cleanup: () => void
beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  db = openWithConnection(join(temp.dir, 'store.db'))
  replaceClusters(db, CONNECTION_ID, ['in01-0', 'in01-1'].map((clusterId) => ({
    clusterId, clusterName: clusterId, projectId: 'proj-0', regionId: 'aws-us-west-2', plan: 'Enterprise', deployment: 'Dedicated',
    cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: '2025-01-01T00:00:00.000Z', connectionId: CONNECTION_ID
  })))
})
afterEach(() => {
  db.close()
  cleanup()
})

/** What SQLite will do for `sql` (EXPLAIN QUERY PLAN), its parameters bound to null: the plan does not depend on them. */
function planOf(sql: string): string[] {
  const params: Record<string, null> = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1] ?? '', null]))
  return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail)
}

describe('the Timeline picture reads one page of lanes through indexes', () => {
  it("searches a page's backups, history and restorable points by cluster instead of scanning every cluster's rows", () => {
    const prepare = vi.spyOn(db, 'prepare')
    timelineLanes(db, { fromMs: NOW - 14 * DAY_MS, toMs: NOW + 7 * DAY_MS, nowMs: NOW, offset: 0, limit: 25 })
    const statements = prepare.mock.calls.map(([sql]) => sql)
    const backupReads = statements.filter((sql) => /FROM (observed_backups|backups)\b/.test(sql))
    // The history (observed backups), the expiries and the restorable points.
    expect(backupReads).toHaveLength(3)
    for (const sql of backupReads) {
      const plan = planOf(sql)
      expect(plan.filter((step) => /^SCAN (o|b|observed_backups|backups)\b/.test(step)), plan.join(' | ')).toEqual([])
      expect(plan.some((step) => /^SEARCH (o|b|observed_backups|backups) USING (COVERING )?INDEX/.test(step)), plan.join(' | ')).toBe(true)
    }
  })
})
