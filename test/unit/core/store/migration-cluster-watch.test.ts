import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '#core/store/migrate'
import { MIGRATIONS } from '#core/store/migrations/index'

const CLUSTER_WATCH_STEP = MIGRATIONS.findIndex((m) => m.name === 'cluster_watch')

describe('schema step cluster_watch (issue 16: achieved RPO counts only time the app could have seen)', () => {
  it("starts an existing history's clusters at their first sighting in it, never earlier, and goes with the connection", () => {
    const sqlite = new Database(':memory:')
    sqlite.pragma('foreign_keys = ON')
    migrate(sqlite, MIGRATIONS.slice(0, CLUSTER_WATCH_STEP))
    sqlite.prepare("INSERT INTO connections (id, name, base_url, created_at) VALUES ('c1', 'Org', 'https://a.test', 1)").run()
    const observed = sqlite.prepare(`INSERT INTO observed_backups (connection_id, backup_id, backup_name, cluster_id, backup_type,
      creation_method, status, size, create_time, expire_time, first_seen_at, last_seen_at, gone_at, was_available)
      VALUES ('c1', ?, ?, ?, 'CLUSTER', ?, 'AVAILABLE', 1, ?, NULL, ?, ?, NULL, 1)`)
    // A manual backup made long before the first sync, seen by it at 1,000: it proves nothing before 1,000.
    observed.run('b1', 'b1', 'in01-a', 'MANUAL', 10, 1_000, 1_000)
    observed.run('b2', 'b2', 'in01-a', 'AUTO', 900, 1_000, 1_000)
    observed.run('b3', 'b3', 'in01-a', 'AUTO', 1_900, 2_000, 2_000)
    observed.run('b4', 'b4', 'in01-b', 'AUTO', 2_500, 3_000, 3_000)

    expect(migrate(sqlite, MIGRATIONS.slice(0, CLUSTER_WATCH_STEP + 1))).toEqual({ from: CLUSTER_WATCH_STEP, to: CLUSTER_WATCH_STEP + 1 })
    expect(sqlite.prepare('SELECT cluster_id, first_synced_at, known_since FROM cluster_watch ORDER BY cluster_id').all()).toEqual([
      { cluster_id: 'in01-a', first_synced_at: 1_000, known_since: 1_000 },
      { cluster_id: 'in01-b', first_synced_at: 3_000, known_since: 3_000 }
    ])
    sqlite.prepare("DELETE FROM connections WHERE id = 'c1'").run()
    expect(sqlite.prepare('SELECT count(*) AS n FROM cluster_watch').get()).toEqual({ n: 0 })
    sqlite.close()
  })
})
