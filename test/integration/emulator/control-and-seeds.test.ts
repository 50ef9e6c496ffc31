import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src-main/emulator/index.ts'
import { call, control, DAY, fails, MONDAY_NOON, ok } from './helpers.ts'
import * as s from './schemas.ts'

describe('control API', () => {
  it('reads, advances and sets the clock, and refuses to move it backwards', async () => {
    const emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON })
    try {
      expect((await control(emu, 'GET', '/clock')).body).toEqual({ now: MONDAY_NOON, iso: '2025-06-02T12:00:00Z', mode: 'manual' })
      expect((await control(emu, 'POST', '/clock/advance', { ms: DAY })).body).toEqual(expect.objectContaining({ now: MONDAY_NOON + DAY }))
      expect((await control(emu, 'POST', '/clock/set', { iso: '2025-07-01T00:00:00Z' })).body).toEqual(expect.objectContaining({ iso: '2025-07-01T00:00:00Z' }))
      expect((await control(emu, 'POST', '/clock/set', { epochMs: MONDAY_NOON })).status).toBe(400)
      expect((await control(emu, 'POST', '/clock/advance', 'not json')).status).toBe(400)
    } finally {
      await emu.close()
    }
  })

  it('creates and drops clusters and exposes the whole state without an API key', async () => {
    const emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON })
    try {
      const created = (await control(emu, 'POST', '/clusters', { clusterName: 'ctl-1', kind: 'serverless' })).body as { cluster: { clusterId: string } }
      expect(created.cluster.clusterId).toMatch(/^in05-/)
      expect(ok(await call(emu, 'GET', `/v2/clusters/${created.cluster.clusterId}`), s.clusterDetail).deploymentOption).toBe('Serverless')
      expect((await control(emu, 'DELETE', `/clusters/${created.cluster.clusterId}`)).status).toBe(200)
      fails(await call(emu, 'GET', `/v2/clusters/${created.cluster.clusterId}`), 96018)
      expect((await control(emu, 'DELETE', '/clusters/in01-000000000000000')).status).toBe(400)
      const state = (await control(emu, 'GET', '/state')).body as { clusters: { status: string }[]; projects: unknown[]; requestCounts: Record<string, number> }
      expect(state.clusters.map((c) => c.status)).toEqual(['DELETED'])
      expect(state.projects).toHaveLength(1)
      expect((await control(emu, 'GET', '/nope')).status).toBe(404)
    } finally {
      await emu.close()
    }
  })
})

describe('seeds and options', () => {
  it('seeds one project and no clusters for empty', async () => {
    const emu = await startEmulator({ seed: 'empty' })
    try {
      expect(ok(await call(emu, 'GET', '/v2/projects'), s.projects)).toHaveLength(1)
      expect(ok(await call(emu, 'GET', '/v2/clusters'), s.clusterList).count).toBe(0)
    } finally {
      await emu.close()
    }
  })

  it('builds the large:200:50 seed and serves every 100-item page of its backups', async () => {
    // How fast the seed builds and a page is served is the benchmarks' business (bench/), not a test's.
    const emu = await startEmulator({ seed: 'large:200:50', rateLimit: 100_000 })
    try {
      const first = ok(await call(emu, 'GET', '/v2/backups?pageSize=100'), s.backupList)
      expect(first.count).toBe(10_000)
      expect(new Set(emu.state().clusters.map((c) => c.projectId)).size).toBeGreaterThan(1)
      const seen = new Set<string>()
      for (let page = 1; page <= first.count / 100; page++) {
        const list = ok(await call(emu, 'GET', `/v2/backups?pageSize=100&currentPage=${page}`), s.backupList)
        expect(list.backups).toHaveLength(100)
        for (const b of list.backups) seen.add(b.backupId)
      }
      expect(seen.size).toBe(10_000)
    } finally {
      await emu.close()
    }
  })

  it('rejects an unknown seed', async () => {
    await expect(startEmulator({ seed: 'huge' })).rejects.toThrow(/Unknown seed/)
  })

  it('adds --latency-ms to every call', async () => {
    const emu = await startEmulator({ seed: 'empty', latencyMs: 120 })
    try {
      const started = performance.now()
      ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
      expect(performance.now() - started).toBeGreaterThanOrEqual(110)
    } finally {
      await emu.close()
    }
  })

  it('persists state to a state file and restores it on the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-state-')), 'state.json')
    const first = await startEmulator({ seed: 'empty', stateFile: file, clockMode: 'manual', startTime: MONDAY_NOON })
    const clusterId = first.createCluster({ clusterName: 'kept' }).clusterId
    const created = ok(await call(first, 'POST', `/v2/clusters/${clusterId}/backups/create`, { backupType: 'CLUSTER' }), s.backupCreated)
    first.advance(DAY)
    await first.close()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expect.objectContaining({ version: 1 }))
    const second = await startEmulator({ stateFile: file, clockMode: 'manual', startTime: MONDAY_NOON + 2 * DAY })
    try {
      const detail = ok(await call(second, 'GET', `/v2/clusters/${clusterId}/backups/${created.backupId}`), s.backupDetail)
      expect(detail.status).toBe('AVAILABLE')
    } finally {
      await second.close()
    }
  })

  it('runs from the command line, prints one line with the URL and key, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/emulator/cli.ts', '--port', '0', '--api-key', 'cli-key', '--seed', 'empty'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
    expect(line).toMatch(/http:\/\/127\.0\.0\.1:\d+ .*cli-key/)
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)![0]
    ok(await call({ url, apiKey: 'cli-key' }, 'GET', '/v2/projects'), s.projects)
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })
})
