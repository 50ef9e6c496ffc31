import type { Notification, NotificationKind } from '#contract/models/notification'

/**
 * The ledger's own kinds: the contract's, plus `missed-unverified` — a window that ended while no sync could
 * check it. It is listed as kind `missed` (its title says it is unverified) but has its own key, so the
 * real `missed` for the same window can still be raised once a sync confirms it.
 */
export type LedgerKind = NotificationKind | 'missed-unverified'

export type Severity = Notification['severity']

/** A notice about to be recorded. `slotMs` with connectionId, clusterId and kind is its identity. */
export type NoticeDraft = {
  /** The connection (organization) whose mirror raised it; null only for a digest, which is about the fleet. */
  connectionId: string | null
  clusterId: string
  kind: LedgerKind
  slotMs: number
  backupId?: string
  title: string
  body: string
  severity: Severity
}

export type UnreadStats = {
  /**
   * Unread entries of the notification centre, digests excluded (they only summarise others): a group of repeated
   * notices counts once, as the renderer's badge counts it.
   */
  unread: number
  worst: Severity | null
  /** The latest unread notice of each unread entry, newest first. */
  titles: { id: string; title: string; clusterId: string }[]
}

/** The notification ledger port; `store/notifications.repo.ts` implements it over SQLite. */
export type NotificationLedger = {
  /**
   * Records drafts with INSERT OR IGNORE on (connectionId, clusterId, kind, slot) in one transaction and returns only
   * those newly inserted: a duplicate counts as already raised. New rows start undelivered.
   */
  record(drafts: readonly NoticeDraft[], nowMs: number): Notification[]
  /** Recorded but not yet shown (held for quiet hours, or raised while the app was busy), oldest first. */
  undelivered(): Notification[]
  markDelivered(ids: readonly string[], nowMs: number): void
  /** The notices raised in `[fromMs, toMs)`, oldest first, digests left out (they only summarise others). */
  raisedBetween(fromMs: number, toMs: number): Notification[]
  /**
   * The centre's entries: the latest notice of each group (organization, cluster, kind), with `group`; with
   * `groupOf`, that notice's group one notice at a time. Newest first.
   */
  list(options: { unreadOnly?: boolean | undefined; limit?: number | undefined; groupOf?: string | undefined }): Notification[]
  /** `groupsOf`: every notice of the groups of these notice ids. */
  markRead(target: { ids: readonly string[] } | { groupsOf: readonly string[] } | { all: true }): number
  /** Marks one notice read by its key (an unverified `missed` that a sync has since cleared). */
  markReadByKey(key: { connectionId: string; clusterId: string; kind: LedgerKind; slotMs: number }): void
  /**
   * Resolves (marks read) each unread `expiring` notice whose backup has expired by `nowMs`, or that a newer
   * AVAILABLE backup of its cluster, created after the notice was raised, has replaced. Returns how many.
   */
  resolveSettledExpiring(nowMs: number): number
  unreadStats(titleLimit: number): UnreadStats
  /** `unreadStats`' `unread` alone: the badge's one COUNT. */
  unreadCount(): number
}

/** A plain string key/value store for settings and the watcher's own bookkeeping. */
export type KeyValueStore = {
  read(key: string): string | null
  write(key: string, value: string): void
}
