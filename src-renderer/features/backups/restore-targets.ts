import type { BackupCollection } from '#contract/commands/backup-contents'
import type { ClusterChoice } from '#contract/commands/backup-filter-options'
import type { Backup } from '#contract/models/backup'

/**
 * The clusters a backup's collection can be restored into: RUNNING Dedicated clusters of the backup's own
 * organization (Zilliz restores a collection into an existing cluster of the same organization, and refuses a
 * destination that is not RUNNING; docs/zilliz-api-notes.md#restore-collection). The backup's own cluster first.
 */
export function restoreTargets(clusters: readonly ClusterChoice[], backup: Backup): ClusterChoice[] {
  return clusters
    .filter((c) => c.connectionId === backup.connectionId && c.deployment === 'Dedicated' && c.status === 'RUNNING')
    .sort((a, b) => Number(b.clusterId === backup.clusterId) - Number(a.clusterId === backup.clusterId) || a.clusterName.localeCompare(b.clusterName))
}

/** A backup's collections by database, databases and collections in name order, for a grouped picker. */
export function collectionsByDatabase(collections: readonly BackupCollection[]): [string, BackupCollection[]][] {
  const groups = new Map<string, BackupCollection[]>()
  for (const c of collections) groups.set(c.dbName, [...(groups.get(c.dbName) ?? []), c])
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([db, items]) => [db, [...items].sort((x, y) => x.collectionName.localeCompare(y.collectionName))])
}

/** The picker's value for a collection: database and name, which together identify it in the backup. */
export function collectionKey(c: Pick<BackupCollection, 'dbName' | 'collectionName'>): string {
  return JSON.stringify([c.dbName, c.collectionName])
}
