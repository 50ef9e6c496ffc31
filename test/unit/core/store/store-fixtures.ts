import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Backup } from '#contract/models/backup'
import type { BackupPolicy } from '#contract/models/policy'
import { addConnection } from '#core/store/connections.repo'
import { openDatabase, type OpenOptions, type StoreDatabase } from '#core/store/database'

/** A temp directory per test, removed afterwards by `cleanup`. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backup-desk-store-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const CONNECTION_ID = 'conn-1'

export function openWithConnection(path: string, options?: OpenOptions): StoreDatabase {
  const { db } = openDatabase(path, options)
  addConnection(db, { id: CONNECTION_ID, name: 'Production', baseUrl: 'https://api.cloud.zilliz.com' })
  return db
}

export const weekdayPolicy: BackupPolicy = {
  enabled: true,
  frequency: '1,3,5',
  startTime: '02:00-04:00',
  retentionDays: 7
}

/** `count` backups over `clusters` clusters; deterministic so sorts and filters can be checked. */
export function makeBackups(count: number, options: { clusters?: number; tag?: string; connectionId?: string } = {}): Backup[] {
  const clusters = options.clusters ?? 20
  const tag = options.tag ?? 'b'
  const base = Date.UTC(2025, 0, 1)
  return Array.from({ length: count }, (_, i): Backup => ({
    backupId: `${tag}-${String(i).padStart(6, '0')}`,
    backupName: `Backup ${tag} ${i}`,
    clusterId: `in01-${i % clusters}`,
    clusterName: `Cluster ${i % clusters}`,
    projectId: `proj-${i % 3}`,
    connectionId: options.connectionId ?? CONNECTION_ID,
    backupType: i % 5 === 0 ? 'COLLECTION' : 'CLUSTER',
    creationMethod: i % 4 === 0 ? 'MANUAL' : 'AUTO',
    status: i % 10 === 0 ? 'CREATING' : 'AVAILABLE',
    size: (i * 7919) % 100_000,
    createTime: new Date(base + i * 60_000).toISOString(),
    expireTime: i % 7 === 0 ? null : new Date(base + i * 60_000 + 7 * 86_400_000).toISOString()
  }))
}

export function countRows(db: StoreDatabase, table: string): number {
  return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}
