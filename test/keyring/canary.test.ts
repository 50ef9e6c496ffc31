import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { request, type ClientRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import { bootCore, type BootedCore } from '#core/boot'
import { createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { backupDatabase, defaultBackupDir, listBackupCopies } from '#core/store/backup-copies'
import { openDatabase } from '#core/store/database'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { startHttpHost, type RunningHost } from '#host/http-host'
// The desktop's own mapping of the store's state to `keychain/status` (no Electron import inside).
import { keychainStatusOf } from '#core/secrets/os-secret-store'
import { leaksIn, scanDirectory, type Leak } from '../fakes/canary-scan.ts'
import { expectError, expectOk } from '../fakes/envelope.ts'
import { makeCanary } from '../fakes/secrets-child-process.ts'
import { RecordingNotifier } from '../fakes/test-core.ts'
import { hasCommand, keyringSkipReason, keyringSuiteTitle, secretToolAccounts } from './keyring-env.ts'

// docs/reliability.md#r12 / #r15 (issue 5 item 5): the real core, the real keytar store on a real Secret Service, a
// file logger, the browser host; one run end to end with a canary key, then every byte it left is searched.

const skipReason = keyringSkipReason()
const SERVICE = 'backup-desk'

type Recorded = { where: string; text: string }

/** Polls `check` until it holds; fails with `label` after `timeoutMs` (no fixed sleeps). */
async function waitFor(check: () => boolean, label: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The SSE stream of the host as raw text, as a browser tab would receive it. */
function openEventStream(url: string, token: string): { text(): string; close(): void } {
  let text = ''
  const req: ClientRequest = request(`${url}/events`, { headers: { Authorization: `Bearer ${token}` } }, (response) => {
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => (text += chunk))
  })
  // The stream ends when the test closes it (or the host goes away): that error is the expected end.
  req.on('error', (error) => (text += `\n[stream ended: ${error.message}]`))
  req.end()
  return { text: () => text, close: () => req.destroy() }
}

describe.skipIf(skipReason !== undefined)(keyringSuiteTitle('a canary API key used end to end', skipReason), () => {
  const canary = makeCanary()
  // A near miss shares almost every fragment with the canary: echoing it would be caught as a leak too.
  const wrongKey = canary.slice(0, -1) + (canary.endsWith('0') ? '1' : '0')
  const keytar = createKeytarSecretStore()
  const rpc: Recorded[] = []
  const events: Recorded[] = []
  const http: Recorded[] = []
  let sse = ''
  let root = ''
  let dataDir = ''
  let emulator: RunningEmulator | undefined
  let core: BootedCore
  let isCoreRunning = false
  let host: RunningHost | null = null
  let notifier: RecordingNotifier
  let connectionId = ''
  let scanWhileRunning: { files: string[]; leaks: Leak[] } = { files: [], leaks: [] }
  let scanAfterStop: { files: string[]; leaks: Leak[] } = { files: [], leaks: [] }
  const outcomes = new Map<string, Envelope<unknown>>()

  function outcome(label: string): Envelope<unknown> {
    const envelope = outcomes.get(label)
    if (envelope === undefined) throw new Error(`step "${label}" did not run`)
    return envelope
  }

  async function call<N extends CommandName>(label: string, name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>> {
    const envelope = await core.invoke(name, input)
    rpc.push({ where: `rpc ${label}`, text: JSON.stringify(envelope) })
    outcomes.set(label, envelope)
    return envelope
  }

  async function post(token: string, name: string, input: unknown): Promise<Envelope<unknown>> {
    if (host === null) throw new Error('the host is not running')
    const response = await fetch(`${host.url}/rpc/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input)
    })
    const body = await response.text()
    http.push({ where: `http ${name} ${String(response.status)}`, text: `${JSON.stringify([...response.headers])}\n${body}` })
    return JSON.parse(body) as Envelope<unknown>
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'backup-desk-canary-'))
    dataDir = join(root, 'data')
    emulator = await startEmulator({ apiKeys: [canary], seed: 'demo', jobDurationMs: 1000, rateLimit: 1000 })
    const secrets = createFailClosedSecretStore({ primary: createKeytarSecretStore() })
    notifier = new RecordingNotifier()
    core = bootCore({
      runtime: 'browser',
      dataDir,
      version: '0.0.0-canary',
      secretStore: secrets,
      keychainStatus: () => keychainStatusOf(secrets),
      notifier,
      timings: { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 200 }
    })
    core.events.subscribe((message) => events.push({ where: `event ${message.name}`, text: JSON.stringify(message) }))
    await secrets.probe()
    await core.start()
    isCoreRunning = true
    // The start-up database copy runs in the background: let it land before the run writes anything.
    const backupsDir = defaultBackupDir(join(dataDir, 'backup-desk.db'))
    await waitFor(() => listBackupCopies(backupsDir).length > 0, 'the start-up database copy')

    // The browser host, with a tab's SSE stream open for the whole run.
    const token = randomBytes(24).toString('base64url')
    host = await startHttpHost({ invoke: core.invoke, events: core.events, rendererDir: join(root, 'renderer'), token, logger: core.logger })
    const stream = openEventStream(host.url, token)
    await waitFor(() => stream.text().includes(': connected'), 'the event stream to open')

    await call('status before', 'keychain/status', {})
    await call('test wrong key', 'connection/test', { baseUrl: emulator.url, apiKey: wrongKey })
    await call('add wrong key', 'connection/add', { name: 'Typo', baseUrl: emulator.url, apiKey: wrongKey })
    await call('test canary', 'connection/test', { baseUrl: emulator.url, apiKey: canary })
    const added = expectOk(await call('add', 'connection/add', { name: 'Canary org', baseUrl: emulator.url, apiKey: canary }))
    connectionId = added.id
    await call('sync', 'sync/run', {})
    await call('update key', 'connection/update-key', { id: connectionId, apiKey: canary })
    await call('test stored', 'connection/test', { id: connectionId })
    const clusters = expectOk(await call('clusters', 'cluster/list', {}))
    await call('backups', 'backup/list', { limit: 1000 })
    const byName = (name: string): string => {
      const found = clusters.find((c) => c.clusterName === name)
      if (found === undefined) throw new Error(`the demo seed has no ${name}`)
      return found.clusterId
    }

    const created = expectOk(await call('create backup', 'backup/create', { clusterId: byName('search-prod') }))
    await waitFor(
      () => events.some((e) => e.text.includes(created.jobId) && e.text.includes('"SUCCESSFUL"')),
      'the backup job to end'
    )
    await call('jobs', 'job/list', {})
    await call('apply policy', 'policy/apply', {
      clusterId: byName('ml-features'),
      policy: { enabled: true, frequency: '7', startTime: '04:00-06:00', retentionDays: 20 }
    })
    const draft = expectOk(await call('save draft', 'draft/save', {
      clusterId: byName('catalog-staging'),
      policy: { enabled: true, frequency: '1,2,3,4,5', startTime: '09:00-11:00', retentionDays: 5 }
    }))
    await call('push draft', 'draft/push', { draftIds: [draft.id] })
    await call('policy history', 'policy/history', { clusterId: byName('ml-features') })
    await call('delete unknown backup', 'backup/delete', { clusterId: byName('search-prod'), backupId: 'backup-that-never-was' })
    await call('backup on free cluster', 'backup/create', { clusterId: byName('sandbox-free') })
    await call('notifications', 'notification/list', {})

    // The same contract through the browser host.
    await post(token, 'app/info', {})
    await post(token, 'keychain/status', {})
    await post(token, 'connection/list', {})
    await post(token, 'connection/test', { baseUrl: emulator.url, apiKey: canary })
    await post(token, 'connection/test', { baseUrl: emulator.url, apiKey: wrongKey })
    await post(token, 'connection/test', { id: connectionId })
    const finishedOnStream = (): number => stream.text().split('"sync/finished"').length - 1
    const finishedBefore = finishedOnStream()
    await post(token, 'sync/run', {})
    await post(token, 'backup/list', { limit: 20 })
    await post(token, 'cluster/list', {})
    await waitFor(() => finishedOnStream() > finishedBefore, 'the sync on the event stream')

    // Zilliz Cloud goes away: the errors must not carry the key either.
    await emulator.close()
    await call('sync offline', 'sync/run', {})
    await call('test offline', 'connection/test', { id: connectionId })
    await post(token, 'sync/run', {})
    await waitFor(() => stream.text().includes('"ok":false'), 'the failed sync on the event stream')
    await call('connections', 'connection/list', {})
    await call('sync status', 'sync/status', {})
    await call('status after', 'keychain/status', {})
    stream.close()
    sse = stream.text()

    scanWhileRunning = await scanDirectory(dataDir, canary)
    await host.close()
    host = null
    await core.stop()
    isCoreRunning = false
    // The daily database copy, taken now so the backups folder holds everything the run wrote.
    const { db } = openDatabase(join(dataDir, 'backup-desk.db'))
    await backupDatabase(db, backupsDir)
    db.close()
    scanAfterStop = await scanDirectory(dataDir, canary)
  }, 120_000)

  afterAll(async () => {
    await host?.close()
    if (isCoreRunning) await core.stop()
    await emulator?.close()
    for (const account of await keytar.listAccounts()) await keytar.delete(account)
    if (root !== '') await rm(root, { recursive: true, force: true })
  })

  it('runs every step with the expected outcome', () => {
    expect(expectError(outcome('test wrong key')).code).toBe('api/unauthorized')
    expect(expectError(outcome('add wrong key')).code).toBe('api/unauthorized')
    for (const label of ['test canary', 'sync', 'update key', 'test stored', 'create backup', 'jobs', 'apply policy', 'push draft', 'connections']) {
      expect(outcome(label).ok, label).toBe(true)
    }
    expect(JSON.stringify(outcome('apply policy'))).toContain('"synced"')
    expect(JSON.stringify(outcome('push draft'))).toContain('"synced"')
    expect(expectError(outcome('delete unknown backup')).code).toMatch(/^api\//)
    expect(outcome('backup on free cluster').ok).toBe(false)
    expect(expectError(outcome('sync offline')).code).toBe('api/unreachable')
    expect(outcome('status after')).toEqual({ ok: true, value: { mode: 'keychain' } })
    expect(events.some((e) => e.where === 'event job/updated')).toBe(true)
    expect(sse).toContain('"job/updated"')
    expect(http.length).toBe(10)
  })

  it('shows only the masked hint for the stored key', () => {
    const listed = expectOk(outcome('connections')) as unknown[]
    expect(listed).toEqual([expect.objectContaining({ id: connectionId, hasToken: true, tokenHint: `••••${canary.slice(-4)}` })])
  })

  it('returns no part of the key in any RPC result, event, notification, HTTP body or SSE message', () => {
    const recorded: Recorded[] = [
      ...rpc,
      ...events,
      ...http,
      { where: 'sse stream', text: sse },
      { where: 'notifications shown', text: JSON.stringify(notifier.shown) },
      { where: 'tray summary', text: JSON.stringify(notifier.summary) }
    ]
    expect(rpc.length).toBeGreaterThanOrEqual(24)
    expect(events.length).toBeGreaterThan(10)
    expect(recorded.flatMap((r) => leaksIn(r.where, r.text, canary))).toEqual([])
  })

  it('writes no part of the key to the database, its WAL, the logs or the database copies', () => {
    const relative = (files: string[]): string[] => files.map((file) => file.slice(dataDir.length + 1))
    expect(relative(scanWhileRunning.files)).toEqual(expect.arrayContaining(['backup-desk.db', 'backup-desk.db-wal', 'logs/backup-desk.log']))
    expect(relative(scanAfterStop.files)).toEqual(expect.arrayContaining(['backup-desk.db', 'logs/backup-desk.log']))
    expect(relative(scanAfterStop.files).filter((file) => file.startsWith('backups/')).length).toBeGreaterThanOrEqual(2)
    expect(scanWhileRunning.leaks).toEqual([])
    expect(scanAfterStop.leaks).toEqual([])
  })

  it('keeps the key in the keychain under service backup-desk with the connection id as account', async () => {
    expect(await keytar.listAccounts()).toEqual([connectionId])
    expect(await keytar.get(connectionId)).toBe(canary)
    if (hasCommand('secret-tool')) expect(secretToolAccounts(SERVICE)).toEqual([connectionId])
  })
})
