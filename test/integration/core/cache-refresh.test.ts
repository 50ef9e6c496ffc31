import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FaultSpec, RunningEmulator } from '#emulator/index'
import { backupRows, connect, countOf, FAST_LIMITS, listedBackupIds, staleFlags, startDemoEmulator, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const DAY_MS = 86_400_000
const BACKUPS = '^/v2/backups$'
let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  // 3 clusters × 90 backups = 270 listed backups: pages 1–3 of 100.
  emulator = await startDemoEmulator({ seed: 'large:3:90' })
  core = createTestCore({ limits: FAST_LIMITS })
})

afterEach(() => stopSyncedDemo({ emulator, core }))

const page3Failures: [string, FaultSpec, string][] = [
  ['answers HTTP 500 five times', { pathRegex: BACKUPS, method: 'GET', kind: 'http-error', status: 500, times: 5 }, 'api/unreachable'],
  ['drops the connection every time', { pathRegex: BACKUPS, method: 'GET', kind: 'drop-before', times: 5 }, 'api/unreachable']
]

describe('atomic paginated cache refresh (R27)', () => {
  for (const [what, fault, code] of page3Failures) {
    it(`keeps the backups cache byte-identical and marks it stale when page 3 ${what}, while the completed lists are current`, async () => {
      const connectionId = await connect(core, emulator)
      expectOk(await core.invoke('sync/run', {}))
      const rows = backupRows(core.db)
      expect(rows).toHaveLength(270)
      const policiesBefore = expectOk(await core.invoke('cluster/list', {})).map((c) => [c.clusterId, c.policy])

      // The organisation moves on: a new cluster, a day of new automatic backups.
      const added = emulator.createCluster({ clusterName: 'added-later' })
      emulator.advance(DAY_MS)
      expect(listedBackupIds(emulator)).not.toEqual(rows.map((r) => (r as { backup_id: string }).backup_id))
      const pagesBefore = countOf(emulator, 'GET /v2/backups')
      // Pages 1 and 2 pass (a zero-latency fault only uses up two matches), then page 3 fails on every attempt.
      emulator.injectFault({ pathRegex: BACKUPS, method: 'GET', kind: 'latency', ms: 0, times: 2 })
      emulator.injectFault(fault)

      const error = expectError(await core.invoke('sync/run', {}))
      expect(error.code).toBe(code)
      // Pages 1, 2 and four attempts at page 3.
      expect(countOf(emulator, 'GET /v2/backups') - pagesBefore).toBe(6)
      expect(backupRows(core.db)).toEqual(rows)
      expect(staleFlags(core.db, connectionId)).toEqual({ projects: 0, clusters: 0, policies: 1, backups: 1 })
      // Clusters completed and were replaced: the new one is there, and the old policies are kept as they were.
      const clusters = expectOk(await core.invoke('cluster/list', {}))
      expect(clusters.map((c) => c.clusterId).sort()).toEqual(emulator.state().clusters.map((c) => c.clusterId).sort())
      expect(clusters.find((c) => c.clusterId === added.clusterId)).toBeDefined()
      for (const [clusterId, policy] of policiesBefore) {
        expect(clusters.find((c) => c.clusterId === clusterId)?.policy).toEqual(policy)
      }

      emulator.clearFaults()
      const result = expectOk(await core.invoke('sync/run', {}))
      expect(result.backups).toBe(listedBackupIds(emulator).length)
      expect(backupRows(core.db).map((r) => (r as { backup_id: string }).backup_id)).toEqual(listedBackupIds(emulator))
      expect(staleFlags(core.db, connectionId)).toEqual({ projects: 0, clusters: 0, policies: 0, backups: 0 })
    })
  }
})
