import { afterEach, describe, expect, it } from 'vitest'
import { expectOk } from '../../fakes/envelope.ts'
import { startReceiver, type Receiver } from '../../fakes/webhook-receiver.ts'
import { HOUR, MINUTE, MONDAY, addWebhook, advanceTo, seedCluster, seedExpiringBackup, startRig, type Rig } from './webhook-rig.ts'

const rigs: Rig[] = []
let r: Receiver

afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close().catch(() => undefined)
  await r.close()
})

function rigWithFleet(options: Parameters<typeof startRig>[0] = {}): Rig {
  const rig = startRig(options)
  rigs.push(rig)
  seedCluster(rig.db, { clusterId: 'in01-prod', clusterName: 'search-prod' })
  seedExpiringBackup(rig.db, { backupId: 'b-1', clusterId: 'in01-prod', clusterName: 'search-prod', expiresMs: MONDAY + 2 * HOUR })
  return rig
}

type Digest = { schema: string; eventId: string; kind: string; fleet: Record<string, number>; notices: { kind: string }[]; late: boolean; period: { from: string; to: string } }

describe('daily webhook digest', () => {
  it('sends one message at the chosen local time with the fleet summary and the notices of the day, not one per notice', async () => {
    r = await startReceiver()
    const rig = rigWithFleet()
    await addWebhook(rig, { name: 'Morning digest', kind: 'json', url: r.url(), digestTime: '08:00' })
    await rig.core.start()
    await advanceTo(rig, MONDAY + 8 * HOUR - MINUTE)
    // `expiring` at 00:00 and `expired` at 02:00 were raised, but this destination waits for its digest.
    expect(r.requests).toHaveLength(0)
    await advanceTo(rig, MONDAY + 8 * HOUR)
    expect(r.requests).toHaveLength(1)
    const digest = r.requests[0]?.json as Digest
    expect(digest).toMatchObject({
      schema: 'backup-desk.digest/v1',
      kind: 'digest',
      late: false,
      period: { from: new Date(MONDAY - 16 * HOUR).toISOString(), to: new Date(MONDAY + 8 * HOUR).toISOString() },
      fleet: { clusters: 1 }
    })
    expect(digest.notices.map((n) => n.kind)).toEqual(['expiring', 'expired'])
    // The next day's digest covers only its own 24 h.
    await advanceTo(rig, MONDAY + 32 * HOUR)
    expect(r.requests).toHaveLength(2)
    expect((r.requests[1]?.json as Digest).notices).toEqual([])
  })

  it('catches up a digest time that passed while the app was closed, once and marked late', async () => {
    r = await startReceiver()
    const first = rigWithFleet()
    await addWebhook(first, { name: 'Digest', kind: 'slack', url: r.url(), digestTime: '08:00' })
    await first.core.start()
    await advanceTo(first, MONDAY + 3 * HOUR)
    await first.close()

    const second = startRig({ dataDir: first.dataDir, secrets: first.secrets })
    rigs.push(second)
    second.clock.set(MONDAY + 30 * HOUR)
    await second.core.start()
    await second.core.flushWebhooks()
    expect(r.requests).toHaveLength(1)
    const text = JSON.stringify(r.requests[0]?.json)
    expect(text).toContain('Daily backup digest: 2 notices in 24 h')
    expect(text).toContain('Delivered late')
    await second.close()

    const third = startRig({ dataDir: first.dataDir, secrets: first.secrets })
    rigs.push(third)
    third.clock.set(MONDAY + 31 * HOUR)
    await third.core.start()
    await third.core.flushWebhooks()
    expect(r.requests).toHaveLength(1)
    expect(expectOk(await third.core.invoke('webhook/list', {}))[0]).toMatchObject({ digestTime: '08:00', pending: 0 })
  })
})
