import type { Notification } from '#contract/models/notification'
import { formatLocalAndUtc } from '#contract/time'
import type { NoticeDraft } from './ledger.ts'
import type { ProjectedWindow } from './projection.ts'
import type { WatchBackup, WatchJob } from './watch-inputs.ts'

/** The wording of every notice, in one place so tone and facts stay consistent. Times are shown in the
 * watcher's local time zone next to UTC (`2026-03-02 11:00 (UTC+01:00) · 10:00 UTC`). */

/** Digests are about the whole fleet, not one cluster; the ledger key still needs a cluster. */
const ALL_CLUSTERS = '*'

export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function timeText(ms: number, timeZone: string): string {
  return formatLocalAndUtc(new Date(ms).toISOString(), timeZone).text
}

function hours(ms: number): string {
  const h = Math.round(ms / 360_000) / 10
  return `${h} hour${h === 1 ? '' : 's'}`
}

export function upcomingNotice(w: ProjectedWindow, tz: string): NoticeDraft {
  return {
    connectionId: w.connectionId,
    clusterId: w.clusterId,
    kind: 'upcoming',
    slotMs: w.startMs,
    title: `Backup window soon: ${w.clusterName}`,
    body: `Zilliz Cloud's automatic backup of ${w.clusterName} is expected between ${timeText(w.startMs, tz)} and ${timeText(w.endMs, tz)}.`,
    severity: 'info'
  }
}

export function missedNotice(w: ProjectedWindow, tz: string): NoticeDraft {
  return {
    connectionId: w.connectionId,
    clusterId: w.clusterId,
    kind: 'missed',
    slotMs: w.startMs,
    title: `Backup missed: ${w.clusterName}`,
    body: `No automatic backup of ${w.clusterName} appeared for the window ${timeText(w.startMs, tz)} – ${timeText(w.endMs, tz)}. A sync after the grace period confirmed it.`,
    severity: 'critical'
  }
}

/** Why a window could not be checked: no sync since it ended, or the first sync came after its backup expired. */
type UnverifiedReason = 'not-synced' | 'synced-too-late'

export function unverifiedMissedNotice(w: ProjectedWindow, reason: UnverifiedReason, tz: string): NoticeDraft {
  const why =
    reason === 'not-synced'
      ? 'Backup Desk has not synced since, so it cannot tell whether the backup ran. This is not an alarm; it will be checked at the next successful sync.'
      : 'Backup Desk did not sync until after a backup from that window would have expired, so it cannot tell whether the backup ran. This is not an alarm.'
  return {
    connectionId: w.connectionId,
    clusterId: w.clusterId,
    kind: 'missed-unverified',
    slotMs: w.startMs,
    title: `Backup cannot be verified yet: ${w.clusterName}`,
    body: `The window ${timeText(w.startMs, tz)} – ${timeText(w.endMs, tz)} has passed. ${why}`,
    severity: 'warning'
  }
}

export function expiringNotice(b: WatchBackup, expiresMs: number, tz: string): NoticeDraft {
  const last = b.isNewest ? ' It is the newest backup of this cluster.' : ''
  return {
    connectionId: b.connectionId,
    clusterId: b.clusterId,
    kind: 'expiring',
    slotMs: expiresMs,
    backupId: b.backupId,
    title: b.isNewest
      ? `Newest backup expiring: ${b.clusterName}`
      : `Backup expiring: ${b.clusterName}`,
    body: `Backup ${b.backupName} of ${b.clusterName} expires at ${timeText(expiresMs, tz)}.${last}`,
    severity: b.isNewest ? 'critical' : 'info'
  }
}

export function expiredNotice(b: WatchBackup, expiredMs: number, tz: string): NoticeDraft {
  return {
    connectionId: b.connectionId,
    clusterId: b.clusterId,
    kind: 'expired',
    slotMs: expiredMs,
    backupId: b.backupId,
    title: `Backup expired: ${b.clusterName}`,
    body: `Backup ${b.backupName} of ${b.clusterName} expired at ${timeText(expiredMs, tz)}.${b.isNewest ? ' It was the newest backup of this cluster.' : ''}`,
    severity: b.isNewest ? 'warning' : 'info'
  }
}

export function stuckNotice(b: WatchBackup, stuckLimitMs: number, tz: string): NoticeDraft {
  return {
    connectionId: b.connectionId,
    clusterId: b.clusterId,
    kind: 'stuck',
    slotMs: b.createTimeMs,
    backupId: b.backupId,
    title: `Backup stuck: ${b.clusterName}`,
    body: `Backup ${b.backupName} of ${b.clusterName} has been creating since ${timeText(b.createTimeMs, tz)}, longer than ${hours(stuckLimitMs)}.`,
    severity: 'warning'
  }
}

export function failedNotice(job: WatchJob, tz: string): NoticeDraft {
  const reason = job.reason.trim() === '' ? 'No reason was given.' : `Reason: ${job.reason.slice(0, 500)}`
  return {
    connectionId: job.connectionId,
    clusterId: job.clusterId,
    kind: 'failed',
    slotMs: job.endTimeMs,
    title: `${job.type} job failed: ${job.clusterName}`,
    body: `Job ${job.jobId} ended FAILED at ${timeText(job.endTimeMs, tz)}. ${reason}`,
    severity: 'critical',
    ...(job.backupId === null ? {} : { backupId: job.backupId })
  }
}

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const

/** The most severe level among `items` (info when empty). */
export function worstSeverity(items: readonly { severity: NoticeDraft['severity'] }[]): NoticeDraft['severity'] {
  return items.reduce<NoticeDraft['severity']>((w, n) => (SEVERITY_RANK[n.severity] > SEVERITY_RANK[w] ? n.severity : w), 'info')
}

/**
 * One notice standing for several: shown instead of each of them after downtime, sleep or quiet hours (`away`), or
 * when many come at once, such as a new connection's first sync (`burst`): its title says which, since "while you
 * were away" is untrue of a burst.
 */
export function digestNotice(items: readonly Notification[], nowMs: number, cause: 'away' | 'burst'): NoticeDraft {
  const counts = new Map<string, number>()
  for (const n of items) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1)
  const parts = [...counts].map(([kind, count]) => `${count} ${kind}`)
  const worst = worstSeverity(items)
  // Each line names its organization (connection): with two, the same cluster name may be in both.
  const titles = items.slice(0, 5).map((n) => (n.organization === undefined ? `• ${n.title}` : `• [${n.organization.name}] ${n.title}`))
  const more = items.length > 5 ? [`…and ${items.length - 5} more in the notification centre.`] : []
  return {
    connectionId: null,
    clusterId: ALL_CLUSTERS,
    kind: 'digest',
    slotMs: nowMs,
    title: cause === 'away' ? `${items.length} backup notices while you were away` : `${items.length} backup notices at once`,
    body: [`${parts.join(', ')}.`, ...titles, ...more].join('\n'),
    severity: worst
  }
}
