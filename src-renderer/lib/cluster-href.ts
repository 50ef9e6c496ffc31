import type { Router } from './router.svelte.ts'

/**
 * The address of a cluster's details in the Fleet: `#/fleet?cluster=ID&connection=ID`. The connection is part of the
 * address because two connections can list the same cluster id (one organization added twice); the Fleet opens the
 * cluster only in that connection's fleet, and otherwise offers to switch to it (FleetPage.svelte).
 */
export function clusterHref(router: Pick<Router, 'href'>, clusterId: string, connectionId: string | undefined): string {
  return router.href('fleet', connectionId === undefined ? { cluster: clusterId } : { cluster: clusterId, connection: connectionId })
}
