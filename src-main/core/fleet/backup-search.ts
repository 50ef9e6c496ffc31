import type { BackupListInput } from '#contract/commands/backup'
import type { Backup } from '#contract/models/backup'
import type { EventBus } from '../lib/event-bus.ts'
import type { StoreDatabase } from '../store/database.ts'
import { readAllBackups } from '../store/backups.repo.ts'

type Entry = { backup: Backup; createMs: number; expireMs: number | null; haystack: string }
type Query = Omit<BackupListInput, 'connectionId' | 'sort' | 'offset' | 'limit'> & {
  sort: { by: 'createTime' | 'expireTime' | 'size' | 'backupName' | 'clusterName' | 'status'; dir: 'asc' | 'desc' }
  offset: number
  limit: number
}

/**
 * Free-text search over the cached backups, answered from memory. A substring search cannot use an index, and
 * SQLite scanning 100,000 rows twice (page and count) per keystroke is too slow for search-as-you-type; a
 * connection's backups are read once after each change of its cache and filtered here in a few milliseconds.
 * The index is kept current by the sync itself: rebuilt when a sync of the connection ends and warmed at start,
 * so no keystroke (not the first after a start or a sync) pays for building it. Searches without text stay in
 * SQL, where indexes serve them.
 */
export class BackupSearch {
  private readonly entries = new Map<string, Entry[]>()

  private isStopped = false

  constructor(private readonly db: StoreDatabase) {}

  /** Rebuilds a connection's entries as soon as a sync of it ends, since the sync may have replaced its cache. */
  watch(events: EventBus): () => void {
    return events.subscribe((message) => {
      if (message.name === 'sync/finished') this.refresh(message.payload.connectionId)
    })
  }

  /** Reads a connection's cached backups into the index now. */
  refresh(connectionId: string): void {
    this.entries.set(connectionId, this.read(connectionId))
  }

  /**
   * Builds the index of each connection in turn at start, one per turn of the event loop, so the host answers
   * in between; a search that comes first builds its own connection's index itself.
   */
  async warm(connectionIds: readonly string[]): Promise<void> {
    for (const connectionId of connectionIds) {
      await new Promise((resolve) => setImmediate(resolve))
      if (this.isStopped) return
      try {
        if (!this.entries.has(connectionId)) this.refresh(connectionId)
      } catch {
        // Warming is only a head start: a read that fails here (the store closing, a locked database) leaves the
        // index to be built by the first search, which reports its own error.
        return
      }
    }
  }

  /** Ends a warm-up in progress (the core is stopping and its database will close). */
  stop(): void {
    this.isStopped = true
  }

  /** A backup entered the cache (the admin created it): it joins the index in its place, without a rebuild. */
  add(backup: Backup): void {
    const entries = this.entries.get(backup.connectionId)
    if (entries === undefined || entries.some((e) => e.backup.backupId === backup.backupId)) return
    const entry = toEntry(backup, Date.parse(backup.createTime), backup.expireTime === null ? null : Date.parse(backup.expireTime))
    // Newest first, the backup id breaking ties, as `readAllBackups` orders them.
    const at = entries.findIndex((e) => e.createMs < entry.createMs || (e.createMs === entry.createMs && e.backup.backupId < backup.backupId))
    entries.splice(at === -1 ? entries.length : at, 0, entry)
  }

  /** A backup left the cache (the admin deleted it): it leaves the index too, without a rebuild. */
  remove(backupId: string): void {
    for (const [connectionId, entries] of this.entries) {
      this.entries.set(connectionId, entries.filter((e) => e.backup.backupId !== backupId))
    }
  }

  search(connectionId: string, query: Query): { total: number; items: Backup[] } {
    const needle = (query.search ?? '').trim().toLowerCase()
    const matches = this.load(connectionId).filter(
      (e) =>
        (query.clusterId === undefined || e.backup.clusterId === query.clusterId) &&
        (query.projectId === undefined || e.backup.projectId === query.projectId) &&
        (query.creationMethod === undefined || e.backup.creationMethod === query.creationMethod) &&
        (query.backupType === undefined || e.backup.backupType === query.backupType) &&
        (query.status === undefined || e.backup.status === query.status) &&
        e.haystack.includes(needle)
    )
    // Entries are kept newest first, the default order; any other order sorts only the matches.
    if (!(query.sort.by === 'createTime' && query.sort.dir === 'desc')) matches.sort(comparator(query.sort))
    return { total: matches.length, items: matches.slice(query.offset, query.offset + query.limit).map((e) => e.backup) }
  }

  private load(connectionId: string): Entry[] {
    let entries = this.entries.get(connectionId)
    if (entries === undefined) {
      entries = this.read(connectionId)
      this.entries.set(connectionId, entries)
    }
    return entries
  }

  private read(connectionId: string): Entry[] {
    return readAllBackups(this.db, connectionId).map(({ backup, createMs, expireMs }) => toEntry(backup, createMs, expireMs))
  }
}

function toEntry(backup: Backup, createMs: number, expireMs: number | null): Entry {
  return { backup, createMs, expireMs, haystack: `${backup.backupName}\n${backup.clusterName}\n${backup.backupId}`.toLowerCase() }
}

/** The same orders as the SQL path: names case-insensitive, no expiry = latest, the backup id breaks ties. */
function comparator(sort: Query['sort']): (a: Entry, b: Entry) => number {
  const key = (e: Entry): number | string => {
    switch (sort.by) {
      case 'createTime':
        return e.createMs
      case 'expireTime':
        return e.expireMs ?? Number.MAX_SAFE_INTEGER
      case 'size':
        return e.backup.size
      case 'backupName':
        return e.backup.backupName.toLowerCase()
      case 'clusterName':
        return e.backup.clusterName.toLowerCase()
      case 'status':
        return e.backup.status
    }
  }
  const sign = sort.dir === 'asc' ? 1 : -1
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka < kb) return -sign
    if (ka > kb) return sign
    return a.backup.backupId < b.backup.backupId ? -sign : a.backup.backupId > b.backup.backupId ? sign : 0
  }
}
