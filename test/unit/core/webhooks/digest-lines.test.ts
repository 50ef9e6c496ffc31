import { describe, expect, it } from 'vitest'
import type { Notification } from '#contract/models/notification'
import { digestNotice } from '#core/schedule/messages'
import { viewOf } from '#core/webhooks/message-view'
import { DIGEST_SCHEMA, noticeEvent, type DigestEvent } from '#core/webhooks/webhook-event'

function missed(id: string, connectionId: string, name: string): Notification {
  return {
    id,
    kind: 'missed',
    clusterId: 'in01-shared',
    clusterName: 'orders-prod',
    slot: '2026-03-02T02:00:00.000Z',
    title: 'Backup missed: orders-prod',
    body: 'No backup in the 02:00–04:00 window.',
    severity: 'critical',
    createdAt: '2026-03-02T04:05:00.000Z',
    read: false,
    organization: { connectionId, name, tag: null }
  }
}

// Two organizations, each with a cluster named orders-prod that missed its window: the lines differ only by connection.
const first = missed('1', 'conn-a', 'Acme EU')
const second = missed('2', 'conn-b', 'Acme US')

describe('a digest line names the organization (connection) it is about', () => {
  it('in the daily webhook digest, each line carries its connection', () => {
    const context = (n: Notification) => ({
      connectionId: n.organization?.connectionId ?? '',
      connectionName: n.organization?.name ?? '',
      clusterName: 'orders-prod',
      projectId: 'p1',
      projectName: null
    })
    const orphan = noticeEvent({ ...first, id: '3', organization: undefined }, 'orphan', null)
    const digest: DigestEvent = {
      schema: DIGEST_SCHEMA,
      eventId: 'bd1-x',
      kind: 'digest',
      severity: 'critical',
      title: 'Daily backup digest: 3 notices in 24 h',
      time: '2026-03-02T08:00:00.000Z',
      period: { from: '2026-03-01T08:00:00.000Z', to: '2026-03-02T08:00:00.000Z' },
      fleet: { clusters: 2, ok: 0, pending: 0, warning: 0, failing: 2, unknown: 0 },
      notices: [noticeEvent(first, 'a', context(first)), noticeEvent(second, 'b', context(second)), orphan]
    }
    expect(viewOf(digest, { prefix: '', late: false }).items).toEqual([
      'Critical: [Acme EU] Backup missed: orders-prod',
      'Critical: [Acme US] Backup missed: orders-prod',
      // A cluster no connection lists any more has no organization to name.
      'Critical: Backup missed: orders-prod'
    ])
  })

  it('in the catch-up digest of the notification centre, each line carries its connection', () => {
    const body = digestNotice([first, second], Date.parse('2026-03-02T08:00:00.000Z'), 'away').body.split('\n')
    expect(body.slice(1)).toEqual(['• [Acme EU] Backup missed: orders-prod', '• [Acme US] Backup missed: orders-prod'])
  })

  it('says "while you were away" only of a catch-up, not of a burst the admin was there for', () => {
    const now = Date.parse('2026-03-02T08:00:00.000Z')
    expect(digestNotice([first, second], now, 'away').title).toBe('2 backup notices while you were away')
    expect(digestNotice([first, second], now, 'burst').title).toBe('2 backup notices at once')
  })
})
