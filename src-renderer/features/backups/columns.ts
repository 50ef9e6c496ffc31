import type { BackupSort } from '#contract/commands/backup'

export type Column = { id: string; label: string; sortBy?: BackupSort['by']; align?: 'end' }

/** The backup table's columns; the grid template in BackupTable.svelte follows this order. */
export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name', sortBy: 'backupName' },
  { id: 'cluster', label: 'Cluster', sortBy: 'clusterName' },
  { id: 'type', label: 'Type' },
  { id: 'method', label: 'Method' },
  { id: 'status', label: 'Status', sortBy: 'status' },
  { id: 'size', label: 'Size', sortBy: 'size', align: 'end' },
  { id: 'created', label: 'Created', sortBy: 'createTime' },
  { id: 'expires', label: 'Expires', sortBy: 'expireTime' },
  { id: 'actions', label: 'Actions' }
]

export const ROW_HEIGHT = 40
export const OVERSCAN = 8
