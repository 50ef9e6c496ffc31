import type { OrganizationRef } from '#contract/models/organization'
import type { Clock } from '../lib/clock.ts'
import { projectWindows } from '../schedule/projection.ts'
import type { WatchInputs } from '../schedule/watch-inputs.ts'
import type { HandlersFor } from './types.ts'

type ScheduleHandlerDeps = {
  inputs: WatchInputs
  clock: Clock
  /** Names each item's organization (store/organization.query.ts); items carry none without it. */
  organizations?: () => ReadonlyMap<string, OrganizationRef>
}

const HOUR_MS = 3_600_000

/**
 * The coming hours from the cache, for every connection: the backup windows of the enabled policies, and the
 * AVAILABLE backups that expire, each marked newest by the watcher's own rule (store/watch.query.ts), so the
 * Timeline's list needs neither the whole fleet (`cluster/list`) nor pages of `backup/list`.
 */
export function scheduleHandlers(deps: ScheduleHandlerDeps): HandlersFor<'schedule/upcoming' | 'schedule/expiring'> {
  const organizationOf = (): ((connectionId: string) => { organization?: OrganizationRef }) => {
    const organizations = deps.organizations?.() ?? new Map<string, OrganizationRef>()
    return (connectionId) => {
      const organization = organizations.get(connectionId)
      return organization === undefined ? {} : { organization }
    }
  }
  return {
    'schedule/upcoming': ({ horizonHours }) => {
      const now = deps.clock.now()
      const windows = projectWindows(deps.inputs.enabledPolicies(), now, now + horizonHours * HOUR_MS)
      const named = organizationOf()
      return Promise.resolve(
        windows.map((w) => ({
          clusterId: w.clusterId,
          clusterName: w.clusterName,
          ...named(w.connectionId),
          start: new Date(w.startMs).toISOString(),
          end: new Date(w.endMs).toISOString()
        }))
      )
    },
    'schedule/expiring': ({ horizonHours }) => {
      const now = deps.clock.now()
      const named = organizationOf()
      return Promise.resolve(
        deps.inputs.availableExpiringBetween(now, now + horizonHours * HOUR_MS).map((b) => ({
          backupId: b.backupId,
          backupName: b.backupName,
          clusterId: b.clusterId,
          clusterName: b.clusterName,
          ...named(b.connectionId),
          // Never null here: the query keeps only backups whose expiry is in the range.
          expireTime: new Date(b.expireTimeMs ?? now).toISOString(),
          isNewest: b.isNewest
        }))
      )
    }
  }
}
