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
 * Searches without text stay in SQL, where indexes serve them.
 */
export class BackupSearch {
  private readonly entries = new Map<string, Entry[]>()

  constructor(private readonly db: StoreDatabase) {}

  /** Drops a connection's entries whenever a sync of it ends, since the sync may have replaced its cache. */
  watch(events: EventBus): () => void {
    return events.subscribe((message) => {
      if (message.name === 'sync/finished') this.invalidate(message.payload.connectionId)
    })
  }

  /** The cache of a connection changed (sync, delete); the next search reloads it. */
  invalidate(connectionId?: string): void {
    if (connectionId === undefined) this.entries.clear()
    else this.entries.delete(connectionId)
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
      entries = readAllBackups(this.db, connectionId).map(({ backup, createMs, expireMs }) => ({
        backup,
        createMs,
        expireMs,
        haystack: `${backup.backupName}\n${backup.clusterName}\n${backup.backupId}`.toLowerCase()
      }))
      this.entries.set(connectionId, entries)
    }
    return entries
  }
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
