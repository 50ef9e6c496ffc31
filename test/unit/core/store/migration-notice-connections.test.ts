import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '#core/store/migrate'
import { MIGRATIONS } from '#core/store/migrations/index'

/** The schema steps up to (and without) the one that keys notices by connection. */
const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'notice_connections'))

function insertNotice(sqlite: Database.Database, n: { id: number; clusterId: string; kind?: string; createdAt: number }): void {
  sqlite.prepare(`INSERT INTO notifications (id, cluster_id, kind, slot, title, body, severity, created_at, read)
    VALUES (?, ?, ?, ?, 't', 'b', 'warning', ?, 1)`).run(n.id, n.clusterId, n.kind ?? 'missed', n.id, n.createdAt)
}

describe('schema: notices keyed by connection', () => {
  it('gives each old notice the connection that could have raised it, keeps digests, drops the rest', () => {
    const sqlite = new Database(':memory:')
    migrate(sqlite, BEFORE)
    sqlite.exec(`INSERT INTO connections (id, name, base_url, created_at) VALUES ('a', 'A', 'https://a', 100), ('b', 'B', 'https://b', 500);
      INSERT INTO clusters (connection_id, cluster_id, cluster_name, project_id, region_id, plan, deployment, cu_type, cu_size, status)
        VALUES ('a', 'in-1', 'orders', 'p', 'r', 'Enterprise', 'Dedicated', 'x', 1, 'RUNNING'),
               ('b', 'in-1', 'orders', 'p', 'r', 'Enterprise', 'Dedicated', 'x', 1, 'RUNNING'),
               ('b', 'in-2', 'search', 'p', 'r', 'Enterprise', 'Dedicated', 'x', 1, 'RUNNING');`)
    insertNotice(sqlite, { id: 1, clusterId: 'in-1', createdAt: 50 }) // before any connection: an earlier run's
    insertNotice(sqlite, { id: 2, clusterId: 'in-1', createdAt: 200 }) // only A existed
    insertNotice(sqlite, { id: 3, clusterId: 'in-2', createdAt: 200 }) // B lists it but did not exist yet
    insertNotice(sqlite, { id: 4, clusterId: 'in-2', createdAt: 600 })
    insertNotice(sqlite, { id: 5, clusterId: 'in-9', createdAt: 600 }) // no connection lists it
    insertNotice(sqlite, { id: 6, clusterId: '*', kind: 'digest', createdAt: 600 })

    migrate(sqlite, MIGRATIONS)
    expect(sqlite.prepare('SELECT id, connection_id, read FROM notifications ORDER BY id').all()).toEqual([
      { id: 2, connection_id: 'a', read: 1 },
      { id: 4, connection_id: 'b', read: 1 },
      { id: 6, connection_id: null, read: 1 }
    ])
    sqlite.close()
  })

  it('keeps one notice per key and connection, digests included, and a notice leaves with its connection', () => {
    const sqlite = new Database(':memory:')
    sqlite.pragma('foreign_keys = ON')
    migrate(sqlite, MIGRATIONS)
    sqlite.exec("INSERT INTO connections (id, name, base_url, created_at) VALUES ('a', 'A', 'https://a', 1), ('b', 'B', 'https://b', 1)")
    const insert = sqlite.prepare(`INSERT OR IGNORE INTO notifications (connection_id, cluster_id, kind, slot, title, body, severity, created_at)
      VALUES (?, ?, ?, 1000, 't', 'b', 'info', 1)`)
    expect(insert.run('a', 'in-1', 'upcoming').changes).toBe(1)
    expect(insert.run('b', 'in-1', 'upcoming').changes).toBe(1)
    expect(insert.run('a', 'in-1', 'upcoming').changes).toBe(0)
    expect(insert.run(null, '*', 'digest').changes).toBe(1)
    expect(insert.run(null, '*', 'digest').changes).toBe(0)
    // A plain INSERT: OR IGNORE would skip a CHECK failure silently.
    const strict = sqlite.prepare(`INSERT INTO notifications (connection_id, cluster_id, kind, slot, title, body, severity, created_at)
      VALUES (?, 'in-1', 'missed', 1000, 't', 'b', 'info', 1)`)
    expect(() => strict.run(null)).toThrow(/CHECK/)
    expect(() => strict.run('gone')).toThrow(/FOREIGN KEY/)

    sqlite.exec("DELETE FROM connections WHERE id = 'a'")
    expect(sqlite.prepare('SELECT connection_id FROM notifications ORDER BY id').all()).toEqual([{ connection_id: 'b' }, { connection_id: null }])
    sqlite.close()
  })
})
