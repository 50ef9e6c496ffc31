import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Envelope } from '#contract/envelope'
import type { Cluster } from '#contract/models/cluster'
import type { Connection, KeychainStatus } from '#contract/models/connection'
import { MEMORY_ONLY_WARNING } from '#core/secrets/fail-closed-secret-store'
import { leaksIn, scanDirectory } from '../../fakes/canary-scan.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { isolatedEnv, lastJsonLine, makeCanary, runChild, tsxNodeArgs } from '../../fakes/secrets-child-process.ts'

type ChildReport = {
  statusBefore: Envelope<KeychainStatus>
  added: Envelope<Connection>
  statusAfter: Envelope<KeychainStatus>
  sync: Envelope<unknown>
  clusters: Envelope<Cluster[]>
  connections: Envelope<Connection[]>
  expectedClusters: number
}

// docs/reliability.md#r13 through the core's contract: the real core, keytar and libsecret in a child process with no
// session bus and no display (libsecret caches its bus per process, so it cannot be taken away in-process).
describe('the core with no D-Bus session', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'no-bus-core-'))
    await mkdir(join(dir, 'tmp'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reports memory-only with the warning after connection/add, syncs for the session and writes the key to no file', async () => {
    const canary = makeCanary()
    const dataDir = join(dir, 'app-data')
    const child = await runChild(process.execPath, tsxNodeArgs(join(import.meta.dirname, '../../fakes/no-bus-core-child.ts')), {
      cwd: dir,
      env: { ...isolatedEnv(dir), SECRET_CANARY: canary, BACKUP_DESK_DATA_DIR: dataDir },
      timeoutMs: 40_000
    })
    expect(child.code, child.stderr).toBe(0)
    const report = lastJsonLine(child.stdout) as ChildReport

    // Nothing has touched the keychain yet: no warning before the first key is stored.
    expect(expectOk(report.statusBefore)).toEqual({ mode: 'keychain' })
    const connection = expectOk(report.added)
    expect(expectOk(report.statusAfter)).toEqual({ mode: 'memory-only', reason: MEMORY_ONLY_WARNING })
    // The key kept in memory works for the session: a full sync with it succeeds.
    expectOk(report.sync)
    expect(expectOk(report.clusters)).toHaveLength(report.expectedClusters)
    expect(expectOk(report.connections)).toEqual([
      expect.objectContaining({ id: connection.id, hasToken: true, tokenHint: `••••${canary.slice(-4)}`, lastSyncError: null })
    ])

    expect(leaksIn('child output', child.stdout + child.stderr, canary)).toEqual([])
    const scan = await scanDirectory(dir, canary)
    const written = scan.files.filter((file) => file.startsWith(dataDir + '/')).map((file) => file.slice(dataDir.length + 1))
    expect(written).toEqual(expect.arrayContaining(['backup-desk.db', 'logs/backup-desk.log']))
    expect(scan.leaks).toEqual([])
  }, 60_000)
})
