import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isCoreError } from '#contract/errors'
import type { Cluster } from '#contract/models/cluster'
import { findCachedCluster, historyScope } from '#core/fleet/find-cluster'
import { loadPlanContext } from '#core/plan/plan-context'
import { addConnection } from '#core/store/connections.repo'
import type { StoreDatabase } from '#core/store/database'
import { replaceClusters } from '#core/store/mirror.repo'
import { CONNECTION_ID, makeTempDir, openWithConnection } from '../store/store-fixtures.ts'

const OTHER = 'conn-2'

function cluster(clusterId: string, connectionId: string, clusterName = clusterId): Cluster {
  return {
    clusterId, clusterName, projectId: 'proj-0', regionId: 'aws-us-west-2', plan: 'Enterprise', deployment: 'Dedicated',
    cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: '2025-01-01T00:00:00.000Z', connectionId
  }
}

let db: StoreDatabase
let cleanup: () => void
beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  db = openWithConnection(join(temp.dir, 'store.db'))
  addConnection(db, { id: OTHER, name: 'Same organization, admin key', baseUrl: 'http://127.0.0.1:9' })
  // in01-shared is listed by both connections (one organization added twice); in01-mine by the first only.
  replaceClusters(db, CONNECTION_ID, [cluster('in01-shared', CONNECTION_ID, 'shared as A'), cluster('in01-mine', CONNECTION_ID)])
  replaceClusters(db, OTHER, [cluster('in01-shared', OTHER, 'shared as B')])
})
afterEach(() => {
  db.close()
  cleanup()
})

/** The error a call throws, as the dispatcher would send it. */
function thrown(call: () => unknown): { code: string; field: string | undefined; message: string } {
  try {
    call()
  } catch (error) {
    if (!isCoreError(error)) throw error
    return { code: error.code, field: error.details?.field, message: error.message }
  }
  throw new Error('expected the call to throw')
}

describe('findCachedCluster: (connectionId?, clusterId) to the cached cluster', () => {
  it('gives the named connection\'s copy of an id two connections list', () => {
    expect(findCachedCluster(db, { clusterId: 'in01-shared', connectionId: OTHER }).clusterName).toBe('shared as B')
    expect(findCachedCluster(db, { clusterId: 'in01-shared', connectionId: CONNECTION_ID }).clusterName).toBe('shared as A')
  })

  it('gives the only copy when no connection is named', () => {
    expect(findCachedCluster(db, { clusterId: 'in01-mine' })).toMatchObject({ clusterId: 'in01-mine', connectionId: CONNECTION_ID })
  })

  it('refuses an id two connections list, without a connection, as input/invalid naming connectionId, never guessing', () => {
    expect(thrown(() => findCachedCluster(db, { clusterId: 'in01-shared' }))).toMatchObject({ code: 'input/invalid', field: 'connectionId' })
  })

  it('answers not-found for a cluster the named connection does not list, even when another one does', () => {
    expect(thrown(() => findCachedCluster(db, { clusterId: 'in01-mine', connectionId: OTHER }))).toMatchObject({ code: 'not-found', field: 'clusterId' })
    expect(thrown(() => findCachedCluster(db, { clusterId: 'in01-none' }))).toMatchObject({ code: 'not-found', field: 'clusterId' })
  })

  it('reads one row through an index, not every cached cluster', () => {
    const prepare = vi.spyOn(db, 'prepare')
    findCachedCluster(db, { clusterId: 'in01-mine' })
    findCachedCluster(db, { clusterId: 'in01-shared', connectionId: OTHER })
    const statements = prepare.mock.calls.map(([sql]) => sql)
    expect(statements).toHaveLength(2)
    for (const sql of statements) {
      const params = Array.from({ length: sql.split('?').length - 1 }, () => 'x')
      const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
      expect(plan.join(' | ')).toMatch(/^SEARCH clusters USING (INDEX clusters_by_id|INDEX sqlite_autoindex_clusters_1) \(/)
    }
  })
})

describe('the same rule for history reads and plans', () => {
  it('historyScope: the named connection, the only one that lists the id, the id alone once none does, and a refusal for two', () => {
    expect(historyScope(db, { clusterId: 'in01-shared', connectionId: OTHER })).toEqual({ clusterId: 'in01-shared', connectionId: OTHER })
    expect(historyScope(db, { clusterId: 'in01-mine' })).toEqual({ clusterId: 'in01-mine', connectionId: CONNECTION_ID })
    expect(historyScope(db, { clusterId: 'in01-dropped' })).toEqual({ clusterId: 'in01-dropped' })
    expect(thrown(() => historyScope(db, { clusterId: 'in01-shared' }))).toMatchObject({ code: 'input/invalid', field: 'connectionId' })
  })

  it('loadPlanContext: one connection\'s clusters when named, and a refusal for an id two list when not', () => {
    expect(loadPlanContext(db, ['in01-shared', 'in01-mine'], OTHER).clusterOf('in01-shared')?.clusterName).toBe('shared as B')
    expect(loadPlanContext(db, ['in01-shared', 'in01-mine'], OTHER).clusterOf('in01-mine')).toBeUndefined()
    expect(loadPlanContext(db, ['in01-mine'], undefined).clusterOf('in01-mine')?.connectionId).toBe(CONNECTION_ID)
    expect(thrown(() => loadPlanContext(db, ['in01-mine', 'in01-shared'], undefined))).toMatchObject({ code: 'input/invalid', field: 'connectionId' })
  })
})
