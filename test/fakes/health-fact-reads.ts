import { HEALTH_FACTS_SQL } from '#core/store/health.query'
import type { TestCore } from './test-core.ts'

/**
 * Counts the health-fact reads (store/health.query.ts) made through the core's database from now on: one per read of
 * the fleet's health (fleet/fleet-health-cache.ts), so tests of that cache count reads, not time.
 */
export function countHealthFactReads(core: TestCore): () => number {
  let count = 0
  const prepare = core.db.prepare.bind(core.db)
  core.db.prepare = (sql) => {
    if (sql === HEALTH_FACTS_SQL) count++
    return prepare(sql)
  }
  return () => count
}
