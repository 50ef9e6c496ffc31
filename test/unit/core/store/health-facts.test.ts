import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Backup } from '#contract/models/backup'
import type { StoreDatabase } from '#core/store/database'
import { clusterKey } from '#core/store/cluster-scope'
import { HEALTH_FACTS_SQL, readHealthFacts } from '#core/store/health.query'
import { replaceBackups, replaceClusters } from '#core/store/mirror.repo'
import { CONNECTION_ID, makeBackups, makeTempDir, openWithConnection } from './store-fixtures.ts'

let db: StoreDatabase
let cleanup: () => void
beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  db = openWithConnection(join(temp.dir, 'store.db'))
})
afterEach(() => {
  db.close()
  cleanup()
})

function withStatus(backups: Backup[], status: (i: number) => Backup['status']): Backup[] {
  return backups.map((b, i) => ({ ...b, status: status(i) }))
}

describe('health facts of the whole fleet', () => {
  it("finds each cluster's oldest CREATING and newest AVAILABLE backup among its many backups", () => {
    // 2 clusters × 300 backups; two in every 100 are CREATING, the rest AVAILABLE.
    const backups = withStatus(makeBackups(600, { clusters: 2 }), (i) => (i % 100 >= 98 ? 'CREATING' : 'AVAILABLE'))
    replaceClusters(db, CONNECTION_ID, ['in01-0', 'in01-1'].map((clusterId) => ({
      clusterId, clusterName: clusterId, projectId: 'proj-0', regionId: 'aws-us-west-2', plan: 'Enterprise', deployment: 'Dedicated',
      cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: '2025-01-01T00:00:00.000Z', connectionId: CONNECTION_ID
    })))
    replaceBackups(db, CONNECTION_ID, backups)
    const facts = readHealthFacts(db, CONNECTION_ID)
    for (const clusterId of ['in01-0', 'in01-1']) {
      const own = backups.filter((b) => b.clusterId === clusterId)
      const times = (status: Backup['status']) => own.filter((b) => b.status === status).map((b) => Date.parse(b.createTime))
      expect(facts.get(clusterKey(CONNECTION_ID, clusterId))).toMatchObject({ creatingSinceMs: Math.min(...times('CREATING')), newestGoodMs: Math.max(...times('AVAILABLE')) })
    }
  })

  it("reads each cluster's oldest CREATING backup from an index of those alone, not by walking all its backups", () => {
    const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${HEALTH_FACTS_SQL}`).all({ connectionId: null }) as { detail: string }[]).map((r) => r.detail)
    expect(plan).toContainEqual(expect.stringContaining('backups_creating_by_cluster'))
  })
})
