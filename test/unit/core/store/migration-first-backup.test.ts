import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '#core/store/migrate'
import { MIGRATIONS } from '#core/store/migrations/index'

const FIRST_BACKUP_STEP = MIGRATIONS.findIndex((m) => m.name === 'first_backup')

describe('schema step first_backup (issue #11 item 7)', () => {
  it('keeps every job and backup request, makes old requests manual ones, and accepts the first-backup job and its NOT_STARTED end', () => {
    const sqlite = new Database(':memory:')
    sqlite.pragma('foreign_keys = ON')
    migrate(sqlite, MIGRATIONS.slice(0, FIRST_BACKUP_STEP))
    sqlite.prepare("INSERT INTO connections (id, name, base_url, created_at) VALUES ('c1', 'Org', 'https://a.test', 1)").run()
    sqlite.prepare(`INSERT INTO jobs (connection_id, job_id, cluster_id, backup_id, action, type, status, progress, start_time, end_time,
      reason, created_at, updated_at) VALUES ('c1', 'job-1', 'in01-a', 'b1', 'create-backup', 'BACKUP', 'IN_PROGRESS', 40, 5, NULL, '', 5, 6)`).run()
    sqlite.prepare(`INSERT INTO backup_intents (id, connection_id, cluster_id, params, requested_at_server_ms, state, created_at, updated_at)
      VALUES ('i1', 'c1', 'in01-a', '{}', 5, 'UNKNOWN', 5, 5)`).run()
    const firstBackupJob = `INSERT INTO jobs (connection_id, job_id, cluster_id, action, type, status, progress, created_at, updated_at)
      VALUES ('c1', 'i2', 'in01-a', 'first-backup', 'BACKUP', 'NOT_STARTED', 0, 7, 7)`
    expect(() => sqlite.prepare(firstBackupJob).run()).toThrow(/CHECK/)

    expect(migrate(sqlite, MIGRATIONS.slice(0, FIRST_BACKUP_STEP + 1))).toEqual({ from: FIRST_BACKUP_STEP, to: FIRST_BACKUP_STEP + 1 })
    expect(sqlite.prepare('SELECT job_id, action, status, progress, start_time, updated_at FROM jobs').all())
      .toEqual([{ job_id: 'job-1', action: 'create-backup', status: 'IN_PROGRESS', progress: 40, start_time: 5, updated_at: 6 }])
    expect(sqlite.prepare('SELECT id, kind, state FROM backup_intents').all()).toEqual([{ id: 'i1', kind: 'create', state: 'UNKNOWN' }])
    sqlite.prepare(firstBackupJob).run()
    // A job still follows its connection out (the rebuilt table kept the foreign key).
    sqlite.prepare("DELETE FROM connections WHERE id = 'c1'").run()
    expect(sqlite.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 })
    sqlite.close()
  })
})
