import { afterEach, describe, expect, it } from 'vitest'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { startReceiver, type Receiver } from '../../fakes/webhook-receiver.ts'
import { HOUR, MINUTE, MONDAY, addWebhook, advanceTo, seedCluster, seedExpiringBackup, startRig, type Rig } from './webhook-rig.ts'

const rigs: Rig[] = []
const receivers: Receiver[] = []

afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close().catch(() => undefined)
  for (const r of receivers.splice(0)) await r.close()
})

async function receiver(port?: number): Promise<Receiver> {
  const r = await startReceiver(port)
  receivers.push(r)
  return r
}

function rigWithFleet(options: Parameters<typeof startRig>[0] = {}): Rig {
  const rig = startRig(options)
  rigs.push(rig)
  seedCluster(rig.db, { clusterId: 'in01-prod', clusterName: 'search-prod' })
  seedExpiringBackup(rig.db, { backupId: 'b-1', clusterId: 'in01-prod', clusterName: 'search-prod', expiresMs: MONDAY + 2 * HOUR })
  return rig
}

type Payload = Record<string, unknown>
const eventIds = (r: Receiver): unknown[] => r.requests.map((q) => (q.json as Payload).eventId)

describe('webhook delivery', () => {
  it('sends a raised notice once to a JSON destination, with the documented v1 payload', async () => {
    const r = await receiver()
    const rig = rigWithFleet()
    const hook = await addWebhook(rig, { name: 'Ops', kind: 'json', url: r.url(), prefix: '[prod]' })
    await rig.core.start()
    await rig.core.flushWebhooks()
    expect(r.requests).toHaveLength(1)
    expect(r.requests[0]?.headers['content-type']).toBe('application/json')
    expect(r.requests[0]?.json).toEqual({
      schema: 'backup-desk.notice/v1',
      eventId: expect.stringMatching(/^bd1-[0-9a-f]{32}$/) as unknown,
      kind: 'expiring',
      severity: 'critical',
      title: 'Newest backup expiring: search-prod',
      body: expect.stringContaining('backup-b-1') as unknown,
      time: new Date(MONDAY).toISOString(),
      slot: new Date(MONDAY + 2 * HOUR).toISOString(),
      window: null,
      connection: { id: 'conn-1', name: 'Production org' },
      project: { id: 'proj-1', name: 'Search' },
      cluster: { id: 'in01-prod', name: 'search-prod' },
      backup: { id: 'b-1' },
      prefix: '[prod]',
      late: false
    })
    const log = expectOk(await rig.core.invoke('webhook/deliveries', { id: hook.id }))
    expect(log.map((l) => [l.result, l.status, l.attempt, l.late])).toEqual([['delivered', 200, 1, false]])
    expect(expectOk(await rig.core.invoke('webhook/list', {}))[0]?.pending).toBe(0)
  })

  it('sends only the kinds and the connection a destination asked for', async () => {
    const r = await receiver()
    const rig = rigWithFleet()
    seedCluster(rig.db, { clusterId: 'in02-other', clusterName: 'other', connectionId: 'conn-2', connectionName: 'Staging org' })
    seedExpiringBackup(rig.db, { backupId: 'b-2', clusterId: 'in02-other', clusterName: 'other', expiresMs: MONDAY + 3 * HOUR, connectionId: 'conn-2' })
    await addWebhook(rig, { name: 'Failures only', kind: 'json', url: r.url('/failed'), kinds: ['failed'] })
    await addWebhook(rig, { name: 'Staging', kind: 'json', url: r.url('/staging'), connectionId: 'conn-2' })
    await rig.core.start()
    await rig.core.flushWebhooks()
    expect(r.requests.map((q) => [q.path, (q.json as Payload).cluster])).toEqual([['/staging', { id: 'in02-other', name: 'other' }]])
  })

  it('two organizations listing the same cluster id: each one\'s notice is sent with its own event id and connection, none suppresses the other', async () => {
    const r = await receiver()
    const rig = rigWithFleet()
    // The same organization added twice (or an emulator run again): the same cluster, backup and expiry, so the same
    // notice (cluster, kind, slot) is raised once for each connection.
    seedCluster(rig.db, { clusterId: 'in01-prod', clusterName: 'search-prod', connectionId: 'conn-2', connectionName: 'Staging org' })
    seedExpiringBackup(rig.db, { backupId: 'b-1', clusterId: 'in01-prod', clusterName: 'search-prod', expiresMs: MONDAY + 2 * HOUR, connectionId: 'conn-2' })
    await addWebhook(rig, { name: 'Everything', kind: 'json', url: r.url('/all'), kinds: ['expiring'] })
    await addWebhook(rig, { name: 'Staging', kind: 'json', url: r.url('/staging'), connectionId: 'conn-2' })
    await rig.core.start()
    await rig.core.flushWebhooks()
    const sent = r.requests.map((q) => ({ path: q.path, eventId: (q.json as Payload).eventId, connection: (q.json as Payload).connection }))
    const toAll = sent.filter((s) => s.path === '/all')
    expect(toAll.map((s) => s.connection).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { id: 'conn-1', name: 'Production org' },
      { id: 'conn-2', name: 'Staging org' }
    ])
    expect(new Set(toAll.map((s) => s.eventId)).size).toBe(2)
    // The connection filter goes by the organization that raised the notice, not by whichever lists the cluster first.
    expect(sent.filter((s) => s.path === '/staging').map((s) => s.connection)).toEqual([{ id: 'conn-2', name: 'Staging org' }])
  })

  it('retries after a 500 with backoff and after a 429 when Retry-After says, with the same event id', async () => {
    const r = await receiver()
    r.answerNext({ status: 500, body: 'boom' }, { status: 429, headers: { 'Retry-After': '120' } })
    const rig = rigWithFleet()
    const hook = await addWebhook(rig, { name: 'Ops', kind: 'json', url: r.url() })
    await rig.core.start()
    await rig.core.flushWebhooks()
    expect(r.requests).toHaveLength(1)
    // Full jitter with random() = 0.5: half of the first 30 s step.
    await advanceTo(rig, MONDAY + 15_000 - 1)
    expect(r.requests).toHaveLength(1)
    await advanceTo(rig, MONDAY + 15_000)
    expect(r.requests).toHaveLength(2)
    await advanceTo(rig, MONDAY + 15_000 + 120_000 - 1)
    expect(r.requests).toHaveLength(2)
    await advanceTo(rig, MONDAY + 15_000 + 120_000)
    expect(r.requests).toHaveLength(3)
    expect(new Set(eventIds(r)).size).toBe(1)
    const log = expectOk(await rig.core.invoke('webhook/deliveries', { id: hook.id }))
    expect(log.reverse().map((l) => [l.result, l.status, l.attempt])).toEqual([
      ['retrying', 500, 1],
      ['retrying', 429, 2],
      ['delivered', 200, 3]
    ])
    await advanceTo(rig, MONDAY + HOUR)
    expect(r.requests).toHaveLength(3)
  })

  it('gives up at once on a 404 and on a redirect, which it does not follow', async () => {
    const r = await receiver()
    r.answerAlways('/revoked', { status: 404, body: 'no_service' })
    r.answerAlways('/moved', { status: 302, headers: { Location: r.url('/elsewhere') } })
    const rig = rigWithFleet()
    const gone = await addWebhook(rig, { name: 'Revoked', kind: 'slack', url: r.url('/revoked') })
    const moved = await addWebhook(rig, { name: 'Moved', kind: 'json', url: r.url('/moved') })
    await rig.core.start()
    await rig.core.flushWebhooks()
    await advanceTo(rig, MONDAY + HOUR)
    expect(r.requests.map((q) => q.path).sort()).toEqual(['/moved', '/revoked'])
    const logOf = async (id: string) => expectOk(await rig.core.invoke('webhook/deliveries', { id })).map((l) => [l.result, l.status])
    expect(await logOf(gone.id)).toEqual([['rejected', 404]])
    expect(await logOf(moved.id)).toEqual([['rejected', 302]])
  })

  it('opens the breaker after three failures in a row and waits before trying that receiver again', async () => {
    const r = await receiver()
    r.answerNext({ status: 503 }, { status: 503 }, { status: 503 })
    const rig = rigWithFleet()
    await addWebhook(rig, { name: 'Ops', kind: 'json', url: r.url() })
    await rig.core.start()
    await advanceTo(rig, MONDAY + 2 * MINUTE)
    expect(r.requests).toHaveLength(3)
    expect(expectOk(await rig.core.invoke('webhook/list', {}))[0]?.breaker).toBe('open')
    await advanceTo(rig, MONDAY + 4 * MINUTE)
    expect(r.requests).toHaveLength(3)
    await advanceTo(rig, MONDAY + 10 * MINUTE)
    expect(r.requests).toHaveLength(4)
    expect(expectOk(await rig.core.invoke('webhook/list', {}))[0]).toMatchObject({ breaker: 'closed', pending: 0 })
  })

  /** A rig whose webhook's receiver is gone: its first delivery has failed for want of an answer. */
  async function afterUnansweredDelivery(): Promise<{ rig: ReturnType<typeof rigWithFleet>; hookId: string; port: number }> {
    const first = await receiver()
    const port = first.port
    const rig = rigWithFleet()
    const hook = await addWebhook(rig, { name: 'Ops', kind: 'json', url: first.url() })
    await first.close()
    receivers.length = 0
    await rig.core.start()
    await rig.core.flushWebhooks()
    return { rig, hookId: hook.id, port }
  }

  it('keeps a message while offline and sends it, marked late, once a sync shows the network is back', async () => {
    const { rig, hookId, port } = await afterUnansweredDelivery()
    const log = expectOk(await rig.core.invoke('webhook/deliveries', { id: hookId }))
    expect(log.map((l) => [l.result, l.status])).toEqual([['retrying', null]])
    expect(log[0]?.error).toMatch(/could not be reached/)
    rig.core.events.emit('sync/finished', { connectionId: 'conn-1', ok: false, error: { name: 'CoreError', code: 'api/unreachable', message: 'offline' } })
    const back = await receiver(port)
    rig.clock.set(MONDAY + 20 * MINUTE)
    rig.core.events.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await rig.core.flushWebhooks()
    expect(back.requests).toHaveLength(1)
    expect(back.requests[0]?.json).toMatchObject({ kind: 'expiring', late: true })
  })

  it('keeps the backoff of a receiver that refused while syncs reached Zilliz Cloud all along (the network was never gone)', async () => {
    const { rig, hookId } = await afterUnansweredDelivery()
    rig.core.events.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await rig.core.flushWebhooks()
    const log = expectOk(await rig.core.invoke('webhook/deliveries', { id: hookId }))
    expect(log.map((l) => [l.result, l.attempt])).toEqual([['retrying', 1]])
  })
})

describe('webhook delivery across a restart', () => {
  it('holds notices during quiet hours, survives a restart, and sends each once after quiet hours', async () => {
    const r = await receiver()
    const first = rigWithFleet()
    expectOk(await first.core.invoke('settings/update', { quietHours: { start: '23:00', end: '06:00' } }))
    await addWebhook(first, { name: 'Ops', kind: 'teams', url: r.url() })
    await first.core.start()
    await first.core.flushWebhooks()
    expect(r.requests).toHaveLength(0)
    expect(first.scheduler.list()).toContainEqual({ id: 'webhook/outbox', atMs: MONDAY + 6 * HOUR })
    await first.close()

    const second = startRig({ dataDir: first.dataDir, secrets: first.secrets })
    rigs.push(second)
    second.clock.set(MONDAY + 6 * HOUR + MINUTE)
    await second.core.start()
    await second.core.flushWebhooks()
    await advanceTo(second, MONDAY + 8 * HOUR)
    // The held `expiring` notice (late), and the `expired` one the restarted watcher raised at 06:01.
    const texts = r.requests.map((q) => JSON.stringify(q.json))
    expect(texts).toHaveLength(2)
    expect(texts[0]).toContain('Newest backup expiring: search-prod')
    expect(texts[0]).toContain('Delivered late')
    expect(texts[1]).toContain('Backup expired: search-prod')
    expect(texts[1]).not.toContain('Delivered late')
  })

  it('sends a message twice, with one event id, only when the first answer was lost', async () => {
    const r = await receiver()
    r.answerNext('drop')
    const first = rigWithFleet()
    const hook = await addWebhook(first, { name: 'Ops', kind: 'json', url: r.url() })
    await first.core.start()
    await first.core.flushWebhooks()
    expect(r.requests).toHaveLength(1)
    await first.close()

    const second = startRig({ dataDir: first.dataDir, secrets: first.secrets })
    rigs.push(second)
    await second.core.start()
    await advanceTo(second, MONDAY + HOUR)
    expect(r.requests).toHaveLength(2)
    expect(new Set(eventIds(r)).size).toBe(1)
    const log = expectOk(await second.core.invoke('webhook/deliveries', { id: hook.id }))
    expect(log.map((l) => l.result)).toEqual(['delivered', 'retrying'])
  })
})

describe('webhook/add', () => {
  it('refuses a plain-http URL off this computer and an unknown connection, naming the field, storing nothing', async () => {
    const rig = rigWithFleet()
    const secretUrl = 'http://hooks.example.com/services/T000/B000/SECRETSECRET'
    const error = expectError(await rig.core.invoke('webhook/add', { name: 'x', kind: 'slack', url: secretUrl }))
    expect(error).toMatchObject({ code: 'input/invalid', details: { field: 'url' } })
    expect(JSON.stringify(error)).not.toContain('SECRETSECRET')
    const noConn = expectError(await rig.core.invoke('webhook/add', { name: 'x', kind: 'json', url: 'https://example.com/hook', connectionId: 'nope' }))
    expect(noConn).toMatchObject({ code: 'input/invalid', details: { field: 'connectionId' } })
    const badKind = expectError(await rig.core.invoke('webhook/add', { name: 'x', kind: 'json', url: 'https://example.com/hook', kinds: ['digest'] }))
    expect(badKind).toMatchObject({ code: 'input/invalid' })
    expect(expectOk(await rig.core.invoke('webhook/list', {}))).toEqual([])
  })

  it('answers with a hint of the URL only, and removing a destination drops its queued messages and keychain entry', async () => {
    const r = await receiver()
    const rig = rigWithFleet()
    expectOk(await rig.core.invoke('settings/update', { quietHours: { start: '23:00', end: '06:00' } }))
    const url = r.url('/services/T0001/B0002/abcdefghijklmnop')
    const hook = await addWebhook(rig, { name: 'Ops', kind: 'slack', url })
    expect(hook).toMatchObject({ name: 'Ops', kind: 'slack', urlHint: `127.0.0.1:${String(r.port)}/••••mnop` })
    expect(JSON.stringify(hook)).not.toContain('abcdefgh')
    await rig.core.start()
    expect(expectOk(await rig.core.invoke('webhook/list', {}))[0]?.pending).toBe(1)
    expect(await rig.secrets.get(`webhook:${hook.id}`)).toBe(url)
    expectOk(await rig.core.invoke('webhook/remove', { id: hook.id }))
    expect(await rig.secrets.get(`webhook:${hook.id}`)).toBeNull()
    expect(rig.db.sqlite.prepare('SELECT COUNT(*) AS n FROM webhook_outbox').get()).toEqual({ n: 0 })
    await advanceTo(rig, MONDAY + 7 * HOUR)
    expect(r.requests).toHaveLength(0)
  })

  it('sends a test message at once, even in quiet hours, and shows the receiver answer', async () => {
    const r = await receiver()
    r.answerNext({ status: 400, body: 'invalid_payload' })
    const rig = rigWithFleet()
    expectOk(await rig.core.invoke('settings/update', { quietHours: { start: '23:00', end: '06:00' } }))
    const hook = await addWebhook(rig, { name: 'Ops', kind: 'slack', url: r.url(), prefix: '[prod]' })
    expect(expectOk(await rig.core.invoke('webhook/test', { id: hook.id }))).toEqual({ status: 400, ok: false, answer: 'invalid_payload' })
    expect(expectOk(await rig.core.invoke('webhook/test', { id: hook.id }))).toEqual({ status: 200, ok: true, answer: 'ok' })
    expect((r.requests[1]?.json as { text: string }).text).toContain('[prod] Backup Desk test message')
    const log = expectOk(await rig.core.invoke('webhook/deliveries', { id: hook.id }))
    expect(log.map((l) => [l.result, l.status])).toEqual([['test-ok', 200], ['test-failed', 400]])
  })
})
