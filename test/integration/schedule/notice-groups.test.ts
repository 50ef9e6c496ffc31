import { describe, expect, it } from 'vitest'
import { commands } from '#contract/commands'
import type { NoticeDraft } from '#core/schedule/ledger'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { Fleet, HOUR, MONDAY, openDb, tempDbPath } from './harness.ts'

/** A ledger over a real SQLite file with two organizations (connections) that list the same cluster id. */
function ledgerWithTwoOrganizations() {
  const db = openDb(tempDbPath())
  new Fleet(db).connection('conn-1').connection('conn-2').policy('k1', '1', '02:00-04:00').policy('k1', '1', '02:00-04:00', { connectionId: 'conn-2' })
  return createNotificationLedger(db)
}

function missed(connectionId: string, day: number): NoticeDraft {
  return { connectionId, clusterId: 'k1', kind: 'missed', slotMs: MONDAY + day * 24 * HOUR, title: `Backup missed: day ${day}`, body: 'b', severity: 'critical' }
}

describe('repeated notices collapse into one entry of the notification centre', () => {
  it('lists one entry per organization, cluster and kind: the latest notice with the count and the first time', () => {
    const ledger = ledgerWithTwoOrganizations()
    ledger.record([missed('conn-1', 0)], MONDAY + HOUR)
    ledger.record([missed('conn-1', 1)], MONDAY + 25 * HOUR)
    ledger.record([missed('conn-1', 2)], MONDAY + 49 * HOUR)
    ledger.record([missed('conn-2', 2)], MONDAY + 50 * HOUR)
    ledger.record([{ ...missed('conn-1', 2), kind: 'missed-unverified', severity: 'warning', title: 'Cannot be verified' }], MONDAY + 51 * HOUR)

    const entries = ledger.list({})
    expect(entries.map((n) => [n.title, n.organization?.connectionId, n.group?.count, n.group?.unread])).toEqual([
      ['Cannot be verified', 'conn-1', 1, 1],
      ['Backup missed: day 2', 'conn-2', 1, 1],
      ['Backup missed: day 2', 'conn-1', 3, 3]
    ])
    expect(entries[2]?.group?.firstAt).toBe(new Date(MONDAY + HOUR).toISOString())
    expect(entries[2]?.createdAt).toBe(new Date(MONDAY + 49 * HOUR).toISOString())
  })

  it('expands an entry to its single notices, newest first, and only those of its organization', () => {
    const ledger = ledgerWithTwoOrganizations()
    ledger.record([missed('conn-1', 0), missed('conn-2', 0)], MONDAY + HOUR)
    ledger.record([missed('conn-1', 1)], MONDAY + 25 * HOUR)
    const entry = ledger.list({}).find((n) => n.organization?.connectionId === 'conn-1')
    const singles = ledger.list({ groupOf: entry?.id ?? '' })
    expect(singles.map((n) => n.title)).toEqual(['Backup missed: day 1', 'Backup missed: day 0'])
    expect(singles.every((n) => n.group === undefined && n.organization?.connectionId === 'conn-1')).toBe(true)
    expect(ledger.list({ groupOf: '999999' })).toEqual([])
  })

  it('marking an entry read marks its whole group (not the other organization\'s); an entry is read only when all of it is', () => {
    const ledger = ledgerWithTwoOrganizations()
    ledger.record([missed('conn-1', 0), missed('conn-2', 0)], MONDAY + HOUR)
    ledger.record([missed('conn-1', 1)], MONDAY + 25 * HOUR)
    const mine = () => ledger.list({}).find((n) => n.organization?.connectionId === 'conn-1')
    const [older] = ledger.list({ groupOf: mine()?.id ?? '' }).slice(1)
    expect(ledger.markRead({ ids: [older?.id ?? ''] })).toBe(1)
    expect(mine()).toMatchObject({ read: false, group: { count: 2, unread: 1 } })

    expect(ledger.markRead({ groupsOf: [older?.id ?? ''] })).toBe(1)
    expect(mine()).toMatchObject({ read: true, group: { count: 2, unread: 0 } })
    expect(ledger.list({}).find((n) => n.organization?.connectionId === 'conn-2')?.read).toBe(false)
    expect(ledger.list({ unreadOnly: true }).map((n) => n.organization?.connectionId)).toEqual(['conn-2'])
  })

  it('the unread count (badge and tray) counts entries, not notices, and names each entry by its latest title', () => {
    const ledger = ledgerWithTwoOrganizations()
    ledger.record([missed('conn-1', 0)], MONDAY + HOUR)
    ledger.record([missed('conn-1', 1)], MONDAY + 25 * HOUR)
    ledger.record([missed('conn-2', 1)], MONDAY + 26 * HOUR)
    ledger.record([{ connectionId: null, clusterId: '*', kind: 'digest', slotMs: MONDAY, title: 'Digest', body: 'b', severity: 'info' }], MONDAY + 27 * HOUR)
    const stats = ledger.unreadStats(10)
    expect(stats.unread).toBe(2)
    expect(stats.unread).toBe(ledger.list({ unreadOnly: true }).filter((n) => n.kind !== 'digest').length)
    expect(stats.titles.map((t) => t.title)).toEqual(['Backup missed: day 1', 'Backup missed: day 1'])
    expect(stats.worst).toBe('critical')
    // The badge's own read (notification/unread-count) is the same number, counted alone.
    expect(ledger.unreadCount()).toBe(2)
    ledger.markRead({ groupsOf: [ledger.list({}).find((n) => n.organization?.connectionId === 'conn-2')?.id ?? ''] })
    expect(ledger.unreadCount()).toBe(1)
    ledger.markRead({ all: true })
    expect(ledger.unreadCount()).toBe(0)
  })

  it('the unread count takes no input: anything else is refused at the contract, naming the field', () => {
    expect(commands['notification/unread-count'].input.parse(undefined)).toEqual({})
    const parsed = commands['notification/unread-count'].input.safeParse({ limit: 500 })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['limit'] })
  })

  it('refuses a malformed group id at the contract, naming the field', () => {
    const parsed = commands['notification/list'].input.safeParse({ groupOf: 'x'.repeat(41) })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['groupOf'])
    expect(commands['notification/mark-read'].input.safeParse({ groupsOf: [1] }).success).toBe(false)
  })
})
