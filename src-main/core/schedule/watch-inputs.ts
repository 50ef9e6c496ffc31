/**
 * What the watcher reads from the local cache, and nothing more: a narrow port so that re-planning
 * asks SQLite for instants and due rows (indexed MIN/range queries) instead of loading every backup.
 * `store/watch.query.ts` implements it; tests pass fakes. All times are epoch ms UTC.
 */

/** A mirrored policy that is enabled. */
export type WatchPolicy = {
  clusterId: string
  clusterName: string
  connectionId: string
  /** The API's weekday list, `1,3,5` (1 = Monday). */
  frequency: string
  /** The API's UTC window, `HH:mm-HH:mm`. */
  startTime: string
  /** An AUTO backup lives this long; a sync later than that can no longer see it (0 = unknown). */
  retentionDays: number
}

export type WatchBackup = {
  connectionId: string
  backupId: string
  backupName: string
  clusterId: string
  clusterName: string
  createTimeMs: number
  expireTimeMs: number | null
  /** True when no AVAILABLE backup of the same cluster is newer. */
  isNewest: boolean
}

export type WatchJob = {
  connectionId: string
  jobId: string
  clusterId: string
  clusterName: string
  type: string
  endTimeMs: number
  reason: string
  /** The backup the job was about (a manual backup it created, one it deleted or restored from), when known. */
  backupId: string | null
}

export type WatchInputs = {
  enabledPolicies(): WatchPolicy[]
  /**
   * AVAILABLE backups whose expiry is in (fromMs, toMs] and that have no ledger entry of `notedAs` for
   * that expiry under their connection yet. Filtering in SQL keeps a re-plan from re-reading thousands of already-noted backups.
   */
  availableExpiringIn(fromMs: number, toMs: number, notedAs: 'expiring' | 'expired'): WatchBackup[]
  /** AVAILABLE backups whose expiry is in (fromMs, toMs], noted or not (the Timeline's day-by-day list). */
  availableExpiringBetween(fromMs: number, toMs: number): WatchBackup[]
  /** The earliest AVAILABLE expiry strictly after `afterMs`. */
  nextExpiryAfter(afterMs: number): number | null
  /** CREATING backups created at or before `beforeMs`, not yet noted as `stuck`. */
  creatingSince(beforeMs: number): WatchBackup[]
  /** The earliest create time of a CREATING backup strictly after `afterMs`. */
  nextCreatingAfter(afterMs: number): number | null
  /** Tracked jobs that ended FAILED with an end time in (fromMs, toMs], not yet noted as `failed`. */
  failedJobsEndedIn(fromMs: number, toMs: number): WatchJob[]
  /** Cluster ids (of `clusterIds`, as the connection mirrors them) with an AUTO backup created in [fromMs, toMs]. */
  clustersWithAutoBackupIn(connectionId: string, clusterIds: readonly string[], fromMs: number, toMs: number): Set<string>
  /**
   * When the connection was added (null if it is not known): its policies were mirrored from then on, and nothing
   * before says what they scheduled.
   */
  connectionAddedAt(connectionId: string): number | null
  /**
   * The instant from which the connection's cached backup list is known complete: the START of its last
   * fully successful sync (a backup created after the list was read could be missing), or null.
   */
  lastSuccessfulSync(connectionId: string): number | null
}
