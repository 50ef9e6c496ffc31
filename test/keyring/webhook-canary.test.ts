import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import { bootCore, type BootedCore } from '#core/boot'
import { ManualClock } from '#core/lib/clock'
import { createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { openDatabase } from '#core/store/database'
import { startHttpHost, type RunningHost } from '#host/http-host'
import { seedCluster, seedExpiringBackup, HOUR } from '../integration/webhooks/webhook-rig.ts'
import { leaksIn, scanDirectory, type Leak } from '../fakes/canary-scan.ts'
import { expectError, expectOk } from '../fakes/envelope.ts'
import { makeCanary } from '../fakes/secrets-child-process.ts'
import { RecordingNotifier } from '../fakes/test-core.ts'
import { startReceiver, type Receiver } from '../fakes/webhook-receiver.ts'
import { keyringSkipReason, keyringSuiteTitle } from './keyring-env.ts'

// Issue 17 item 2: a webhook URL is a secret like an API key. One run with a canary URL through the real core,
// the real keychain, a file logger and the browser host; then every byte it left is searched.

const skipReason = keyringSkipReason()

describe.skipIf(skipReason !== undefined)(keyringSuiteTitle('a canary webhook URL used end to end', skipReason), () => {
  const canary = makeCanary()
  const keytar = createKeytarSecretStore()
  const recorded: { where: string; text: string }[] = []
  let root = ''
  let dataDir = ''
  let receiver: Receiver
  let core: BootedCore | null = null
  let host: RunningHost | null = null
  let hookId = ''
  let typo: Envelope<unknown> = { ok: true, value: null }
  let scan: { files: string[]; leaks: Leak[] } = { files: [], leaks: [] }

  async function call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>> {
    if (core === null) throw new Error('the core is not running')
    const envelope = await core.invoke(name, input)
    recorded.push({ where: `rpc ${name}`, text: JSON.stringify(envelope) })
    return envelope
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'backup-desk-webhook-canary-'))
    dataDir = join(root, 'data')
    receiver = await startReceiver()
    const now = Date.now()
    // The cache as a sync leaves it: one cluster whose newest backup expires within the warning lead time.
    core = bootCore({
      runtime: 'browser', dataDir, version: '0.0.0-canary', notifier: new RecordingNotifier(), clock: new ManualClock(now),
      secretStore: createFailClosedSecretStore({ primary: keytar }),
      timings: { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 60_000 }
    })
    const { db } = openDatabase(join(dataDir, 'backup-desk.db'))
    seedCluster(db, { clusterId: 'in01-canary', clusterName: 'search-prod' })
    seedExpiringBackup(db, { backupId: 'b-canary', clusterId: 'in01-canary', clusterName: 'search-prod', expiresMs: now + 2 * HOUR })
    db.close()
    core.events.subscribe((m) => recorded.push({ where: `event ${m.name}`, text: JSON.stringify(m) }))
    const token = randomBytes(24).toString('base64url')
    host = await startHttpHost({ invoke: core.invoke, events: core.events, rendererDir: join(root, 'renderer'), token, logger: core.logger })

    const url = receiver.url(`/services/${canary}`)
    typo = await call('webhook/add', { name: 'Typo', kind: 'slack', url: `http://hooks.example.com/services/${canary}` })
    hookId = expectOk(await call('webhook/add', { name: 'Ops', kind: 'slack', url, prefix: '[prod]' })).id
    await call('webhook/test', { id: hookId })
    await core.start()
    await core.flushWebhooks()
    await call('webhook/list', {})
    await call('webhook/deliveries', { id: hookId })
    const viaHost = await fetch(`${host.url}/rpc/webhook/list`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}'
    })
    recorded.push({ where: 'http webhook/list', text: await viaHost.text() })
    await host.close()
    host = null
    await core.stop()
    core = null
    scan = await scanDirectory(dataDir, canary)
  }, 60_000)

  afterAll(async () => {
    await host?.close()
    await core?.stop()
    await receiver.close()
    for (const account of await keytar.listAccounts()) await keytar.delete(account)
    if (root !== '') await rm(root, { recursive: true, force: true })
  })

  it('delivers the test message and the notice to the canary URL', () => {
    expect(receiver.requests.map((r) => r.path)).toEqual([`/services/${canary}`, `/services/${canary}`])
    expect(JSON.stringify(receiver.requests[1]?.json)).toContain('[prod] Newest backup expiring: search-prod')
    expect(expectError(typo)).toMatchObject({ code: 'input/invalid', details: { field: 'url' } })
  })

  it('returns no part of the URL beyond its hint in any answer, event or HTTP body', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(6)
    expect(recorded.flatMap((r) => leaksIn(r.where, r.text, canary))).toEqual([])
  })

  it('writes no part of the URL to any file of the data directory (database, WAL, logs)', () => {
    expect(scan.files.map((f) => f.slice(dataDir.length + 1))).toContain('backup-desk.db')
    expect(scan.leaks).toEqual([])
  })

  it('keeps the URL in the keychain under the account webhook:<id>', async () => {
    expect(await keytar.listAccounts()).toEqual([`webhook:${hookId}`])
    expect(await keytar.get(`webhook:${hookId}`)).toBe(receiver.url(`/services/${canary}`))
  })
})
