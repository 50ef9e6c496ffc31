import type { Router } from './router.svelte.ts'

/**
 * The address of one backup in the Backups screen: `#/backups?search=ID&connection=ID`. The connection is part of
 * the address because Backups lists the active connection's backups only: a notice or a Timeline mark of another
 * connection's backup would land on "no backups match" (or on another organization's backup of the same id). Backups
 * shows the search only in that connection, and otherwise offers to switch to it (BackupsPage.svelte), as the Fleet
 * does for a cluster (cluster-href.ts).
 */
export function backupHref(router: Pick<Router, 'href'>, backupId: string, connectionId: string | undefined): string {
  return router.href('backups', connectionId === undefined ? { search: backupId } : { search: backupId, connection: connectionId })
}
