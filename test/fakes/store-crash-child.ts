/**
 * Crash-test child (docs/reliability.md#r17): runs the real repository functions in a loop and prints `ACK <n>` after
 * each commit, until the parent SIGKILLs it. Modes: `sync` replaces the cached backups with generation n; `drafts`
 * saves a draft for cluster n and commits a backup intent for it.
 */
import type { Backup } from '#contract/models/backup'
import { addConnection, findConnection } from '#core/store/connections.repo'
import { openDatabase } from '#core/store/database'
import { listDrafts, saveDraft } from '#core/store/drafts.repo'
import { beginIntent } from '#core/store/intents.repo'
import { replaceBackups } from '#core/store/mirror.repo'

export const CRASH_CONNECTION = 'crash-conn'
export const ROWS_PER_GENERATION = 3000

const [dbPath, mode] = process.argv.slice(2)
if (dbPath === undefined || (mode !== 'sync' && mode !== 'drafts')) {
  process.stderr.write('usage: store-crash-child.ts <dbPath> sync|drafts\n')
  process.exit(2)
}

const { db } = openDatabase(dbPath)
if (findConnection(db, CRASH_CONNECTION) === null) {
  addConnection(db, { id: CRASH_CONNECTION, name: 'Crash', baseUrl: 'https://crash.test' })
}

function generationRows(generation: number): Backup[] {
  return Array.from({ length: ROWS_PER_GENERATION }, (_, i) => ({
    backupId: `g${generation}-${i}`,
    backupName: `generation ${generation}`,
    clusterId: `in01-${i % 10}`,
    clusterName: `cluster ${i % 10}`,
    projectId: 'proj',
    connectionId: CRASH_CONNECTION,
    backupType: 'CLUSTER',
    creationMethod: 'AUTO',
    status: 'AVAILABLE',
    size: i,
    createTime: new Date(1_700_000_000_000 + i).toISOString(),
    expireTime: null
  }))
}

let n = mode === 'sync' ? 0 : listDrafts(db).length
process.stdout.write('READY\n')
for (;;) {
  n += 1
  if (mode === 'sync') {
    replaceBackups(db, CRASH_CONNECTION, generationRows(n))
  } else {
    saveDraft(db, {
      connectionId: CRASH_CONNECTION,
      clusterId: `in01-${n}`,
      policy: { enabled: true, frequency: '1', startTime: `n-${n}`, retentionDays: 7 },
      basePolicy: null
    })
    beginIntent(db, { id: `intent-${n}`, connectionId: CRASH_CONNECTION, clusterId: `in01-${n}`, params: { n }, requestedAtServerMs: n, knownBackupIds: [] })
  }
  process.stdout.write(`ACK ${n}\n`)
}
