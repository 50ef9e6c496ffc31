import { afterEach, describe, expect, it } from 'vitest'
import { expectOk } from '../../fakes/envelope.ts'
import { DAY, HOUR, MONDAY, startTwoOrganizationsSharingAClusterId, type TwoOrganizations } from '../../fakes/two-organizations.ts'
import { startReceiver, type Receiver } from '../../fakes/webhook-receiver.ts'

let running: { organizations: TwoOrganizations; receiver: Receiver } | null = null
afterEach(async () => {
  await running?.organizations.close()
  await running?.receiver.close()
  running = null
})

/**
 * The two organizations (test/fakes/two-organizations.ts) with a daily digest destination without a connection
 * filter, which covers both; both sync each day after the window's deadline, before the digest at 08:00.
 */
async function twoOrganizationsWithADigest(): Promise<TwoOrganizations & { receiver: Receiver }> {
  const organizations = await startTwoOrganizationsSharingAClusterId()
  const receiver = await startReceiver()
  running = { organizations, receiver }
  expectOk(await organizations.core.invoke('webhook/add', { name: 'Every organization', kind: 'json', url: receiver.url(), digestTime: '08:00' }))
  await organizations.syncDaily(3)
  return { ...organizations, receiver }
}

type Digest = { kind: string; fleet: Record<string, number> }

describe('the health of every organization, when two list the same cluster id', () => {
  it('counts each organization’s cluster on its own: one failing and one ok, in the tray and in the daily digest', async () => {
    const { core, clocks, receiver, slowId, fastId, clusterId } = await twoOrganizationsWithADigest()
    const healthIn = async (connectionId: string): Promise<string | undefined> =>
      expectOk(await core.invoke('cluster/list', { connectionId })).find((row) => row.clusterId === clusterId)?.health
    expect(await healthIn(slowId)).toBe('failing')
    expect(await healthIn(fastId)).toBe('ok')
    const organizations = expectOk(await core.invoke('sync/status', {}))
    expect(organizations.map((o) => [o.connectionId, o.health])).toEqual(expect.arrayContaining([[slowId, 'failing'], [fastId, 'ok']]))

    // The watcher's run at the digest time publishes the tray summary, and the digest goes out.
    clocks.moveTo(MONDAY + 2 * DAY + 8 * HOUR, core.scheduler)
    await core.flushWebhooks()
    expect(core.notifier.summary?.health).toMatchObject({ worst: 'failing', failing: 1, warning: 0 })
    const digests = receiver.requests.map((request) => request.json as Digest).filter((body) => body.kind === 'digest')
    expect(digests.at(-1)?.fleet).toMatchObject({ clusters: 2, failing: 1, ok: 1 })
  })
})
