import type { BackupListInput } from '#contract/commands/backup'
import type { Backup, BackupStatus, BackupType, CreationMethod } from '#contract/models/backup'
import type { StoreDatabase } from '../store/database.ts'
import { forEachSearchRow, readBackupsByIds, type SearchRow } from '../store/backups.repo.ts'
import { SearchText } from './search-text.ts'

/**
 * What the index keeps of one backup: what a search filters and sorts on. The page's backups themselves are read
 * from the cache by ID, so the index holds no `Backup` objects: ≈ 230 bytes a backup instead of ≈ 600.
 */
type Entry = {
  /** Lower-cased name, cluster name and ID, separated by newlines (which no search holds: no match spans two). */
  haystack: string
  nameEnd: number
  clusterEnd: number
  backupId: string
  clusterId: string
  projectId: string
  backupType: BackupType
  creationMethod: CreationMethod
  status: BackupStatus
  size: number
  createMs: number
  expireMs: number | null
}

/** A connection's index: its entries newest first, and their haystacks as one text to search. */
type Index = { entries: readonly Entry[]; text: SearchText }

type Query = Omit<BackupListInput, 'connectionId' | 'sort' | 'offset' | 'limit'> & {
  sort: { by: 'createTime' | 'expireTime' | 'size' | 'backupName' | 'clusterName' | 'status'; dir: 'asc' | 'desc' }
  offset: number
  limit: number
}

/**
 * Free-text search over the cached backups, answered from memory. A substring search cannot use an index, and
 * SQLite scanning 100,000 rows twice (page and count) per keystroke is too slow for search-as-you-type; SQLite's
 * FTS5 trigram index was measured too (100,000 backups): 5 s to build, 100–230 ms for a page of a common
 * substring, where this index answers in ≈ 6–9 ms with the page read (one text searched: search-text.ts). A
 * connection's backups are read once after each change of its cache and filtered here. The index is kept current by
 * the sync itself: rebuilt the moment a sync replaced the connection's backup list (`SyncEngine`'s
 * `onBackupsReplaced`) and warmed at start, so no keystroke (not the first after a start or a sync) pays for building
 * it. Searches without text stay in SQL, where indexes serve them.
 */
export class BackupSearch {
  private readonly indexes = new Map<string, Index>()

  private isStopped = false

  constructor(private readonly db: StoreDatabase) {}

  /**
   * Reads a connection's cached backups into the index now (its cache was just replaced). An entry whose backup
   * did not change is kept as it is: a sync changes a few hundred of 100,000 backups, and an index made anew each
   * time left 100,000 entries of garbage in the host's old generation per sync (the heap grew to hundreds of MB
   * before a full collection reclaimed them; bench/host-memory.bench.ts).
   */
  refresh(connectionId: string): void {
    this.indexes.set(connectionId, toIndex(this.read(connectionId, this.indexes.get(connectionId)?.entries ?? [])))
  }

  /** A removed connection's backups leave the index with the rest of its cache (connection/remove). */
  forget(connectionId: string): void {
    this.indexes.delete(connectionId)
  }

  /** How many backups the index holds per connection: what it keeps in memory (the host-memory benchmark, tests). */
  indexedBackups(): ReadonlyMap<string, number> {
    return new Map([...this.indexes].map(([connectionId, index]) => [connectionId, index.entries.length]))
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
        if (!this.indexes.has(connectionId)) this.refresh(connectionId)
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

  /**
   * A backup entered the cache (the admin created it): it joins the index in its place without reading the cache
   * again; only the search text is joined anew (≈ 30 ms at 100,000 backups).
   */
  add(backup: Backup): void {
    const entries = this.indexes.get(backup.connectionId)?.entries
    if (entries === undefined || entries.some((e) => e.backupId === backup.backupId)) return
    const entry = toEntry([
      backup.backupId, backup.backupName, backup.clusterId, backup.clusterName, backup.projectId, backup.backupType,
      backup.creationMethod, backup.status, backup.size, Date.parse(backup.createTime),
      backup.expireTime === null ? null : Date.parse(backup.expireTime)
    ])
    // Newest first, the backup id breaking ties, as `forEachSearchRow` orders them.
    const at = entries.findIndex((e) => e.createMs < entry.createMs || (e.createMs === entry.createMs && e.backupId < backup.backupId))
    this.indexes.set(backup.connectionId, toIndex(entries.toSpliced(at === -1 ? entries.length : at, 0, entry)))
  }

  /**
   * A backup left the connection's cache (the admin deleted it): it leaves that connection's index too, without
   * reading the cache again (the search text is joined anew, as for `add`). Another connection mirroring the same
   * organization keeps its copy until its own sync drops it.
   */
  remove(connectionId: string, backupId: string): void {
    const entries = this.indexes.get(connectionId)?.entries
    if (entries?.some((e) => e.backupId === backupId) === true) this.indexes.set(connectionId, toIndex(entries.filter((e) => e.backupId !== backupId)))
  }

  search(connectionId: string, query: Query): { total: number; items: Backup[] } {
    const needle = (query.search ?? '').trim().toLowerCase()
    const { entries, text } = this.load(connectionId)
    const matches = filtered(text.matching(needle), entries, query)
    const at = (positions: Int32Array): Entry[] => Array.from(positions, (position) => entries[position]).filter((e) => e !== undefined)
    // Entries are kept newest first, the default order: its page is read off the matches, none is sorted.
    const page = query.sort.by === 'createTime' && query.sort.dir === 'desc'
      ? at(matches.subarray(query.offset, query.offset + query.limit))
      : sorted(at(matches), query.sort).slice(query.offset, query.offset + query.limit)
    return { total: matches.length, items: readBackupsByIds(this.db, connectionId, page.map((e) => e.backupId)) }
  }

  private load(connectionId: string): Index {
    let index = this.indexes.get(connectionId)
    if (index === undefined) {
      index = toIndex(this.read(connectionId))
      this.indexes.set(connectionId, index)
    }
    return index
  }

  /** The connection's index from its cache, reusing the entries of `previous` (in the same order) that still hold. */
  private read(connectionId: string, previous: readonly Entry[] = []): Entry[] {
    // A cluster's ID, name and project repeat on each of its backups, and the enums on all: one string each.
    const shared = new Map<string, string>()
    const intern = <T extends string>(value: T): T => {
      const known = shared.get(value)
      if (known !== undefined) return known as T
      shared.set(value, value)
      return value
    }
    const entries: Entry[] = []
    // Both lists are newest first (the backup ID breaking ties): one pass over each pairs a row with its old entry.
    let next = 0
    forEachSearchRow(this.db, connectionId, (row) => {
      const fresh = toEntry([row[0], row[1], intern(row[2]), intern(row[3]), intern(row[4]), intern(row[5]), intern(row[6]), intern(row[7]), row[8], row[9], row[10]])
      for (let old = previous[next]; old !== undefined && comesBefore(old, fresh); old = previous[++next]);
      const old = previous[next]
      if (old !== undefined && isSameEntry(old, fresh)) {
        entries.push(old)
        next++
      } else {
        entries.push(fresh)
      }
    })
    return entries
  }
}

/** The positions of `matching` whose entries pass the query's other filters, kept in place, in order. */
function filtered(matching: Int32Array, entries: readonly Entry[], query: Query): Int32Array {
  const { clusterId, projectId, creationMethod, backupType, status } = query
  if (clusterId === undefined && projectId === undefined && creationMethod === undefined && backupType === undefined && status === undefined) return matching
  let kept = 0
  for (const position of matching) {
    const e = entries[position]
    if (
      e !== undefined &&
      (clusterId === undefined || e.clusterId === clusterId) &&
      (projectId === undefined || e.projectId === projectId) &&
      (creationMethod === undefined || e.creationMethod === creationMethod) &&
      (backupType === undefined || e.backupType === backupType) &&
      (status === undefined || e.status === status)
    ) matching[kept++] = position
  }
  return matching.subarray(0, kept)
}

function toIndex(entries: readonly Entry[]): Index {
  return { entries, text: new SearchText(entries.map((e) => e.haystack)) }
}

function toEntry([backupId, backupName, clusterId, clusterName, projectId, backupType, creationMethod, status, size, createMs, expireMs]: SearchRow): Entry {
  const name = backupName.toLowerCase()
  const cluster = clusterName.toLowerCase()
  return {
    // One flat string: a template literal keeps its parts as a tree of four strings (≈ 160 bytes more a backup),
    // and the first `includes` after each rebuild flattened all 100,000 of them (≈ 7 MB in one keystroke's scan).
    haystack: [name, cluster, backupId.toLowerCase()].join('\n'),
    nameEnd: name.length,
    clusterEnd: name.length + 1 + cluster.length,
    backupId,
    clusterId,
    projectId,
    backupType,
    creationMethod,
    status,
    size,
    createMs,
    expireMs
  }
}

/** Whether `a` sorts before `b` in the index's own order: newest first, the higher backup ID first on a tie. */
function comesBefore(a: Entry, b: Entry): boolean {
  return a.createMs > b.createMs || (a.createMs === b.createMs && a.backupId > b.backupId)
}

function isSameEntry(a: Entry, b: Entry): boolean {
  return a.backupId === b.backupId && a.haystack === b.haystack && a.clusterId === b.clusterId && a.projectId === b.projectId &&
    a.backupType === b.backupType && a.creationMethod === b.creationMethod && a.status === b.status && a.size === b.size &&
    a.createMs === b.createMs && a.expireMs === b.expireMs
}

/** The same orders as the SQL path: names case-insensitive, no expiry = latest, the backup id breaks ties. */
function sorted(matches: readonly Entry[], sort: Query['sort']): Entry[] {
  const key = (e: Entry): number | string => {
    switch (sort.by) {
      case 'createTime':
        return e.createMs
      case 'expireTime':
        return e.expireMs ?? Number.MAX_SAFE_INTEGER
      case 'size':
        return e.size
      case 'backupName':
        return e.haystack.slice(0, e.nameEnd)
      case 'clusterName':
        return e.haystack.slice(e.nameEnd + 1, e.clusterEnd)
      case 'status':
        return e.status
    }
  }
  const sign = sort.dir === 'asc' ? 1 : -1
  // Each key is computed once per match, not once per comparison.
  const keyed = matches.map((entry) => ({ entry, key: key(entry) }))
  keyed.sort((a, b) => {
    if (a.key < b.key) return -sign
    if (a.key > b.key) return sign
    return a.entry.backupId < b.entry.backupId ? -sign : a.entry.backupId > b.entry.backupId ? sign : 0
  })
  return keyed.map((k) => k.entry)
}
