import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '#core/store/migrate'
import { MIGRATIONS } from '#core/store/migrations/index'

describe('schema 5 (templates)', () => {
  it('keeps every notification row and id while the ledger learns the drift kind', () => {
    const sqlite = new Database(':memory:')
    migrate(sqlite, MIGRATIONS.slice(0, 4))
    sqlite.prepare(`INSERT INTO notifications (id, cluster_id, kind, slot, title, body, severity, created_at, read, delivered_at)
      VALUES (41, 'in01-a', 'missed', 1000, 'Missed', 'No backup', 'critical', 5, 1, 6)`).run()
    expect(() => sqlite.prepare(`INSERT INTO notifications (cluster_id, kind, slot, title, body, severity, created_at)
      VALUES ('in01-a', 'drift', 1, 't', 'b', 'warning', 1)`).run()).toThrow(/CHECK/)

    expect(migrate(sqlite, MIGRATIONS.slice(0, 5))).toEqual({ from: 4, to: 5 })
    expect(sqlite.prepare('SELECT id, kind, read, delivered_at FROM notifications').all()).toEqual([{ id: 41, kind: 'missed', read: 1, delivered_at: 6 }])
    sqlite.prepare(`INSERT INTO notifications (cluster_id, kind, slot, title, body, severity, created_at)
      VALUES ('in01-a', 'drift', 1, 't', 'b', 'warning', 1)`).run()
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'drift'").get()).toEqual({ n: 1 })
    sqlite.close()
  })
})
