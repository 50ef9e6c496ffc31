import type { OrganizationRef } from '#contract/models/organization'
import type { Clock } from '../lib/clock.ts'
import { projectWindows } from '../schedule/projection.ts'
import type { WatchInputs } from '../schedule/watch-inputs.ts'
import type { HandlersFor } from './types.ts'

export type ScheduleHandlerDeps = {
  inputs: WatchInputs
  clock: Clock
  /** Names each window's organization (store/organization.query.ts); windows carry none without it. */
  organizations?: () => ReadonlyMap<string, OrganizationRef>
}

const HOUR_MS = 3_600_000

/** The backup windows of the enabled policies in the coming hours, from the cache. */
export function scheduleHandlers(deps: ScheduleHandlerDeps): HandlersFor<'schedule/upcoming'> {
  return {
    'schedule/upcoming': ({ horizonHours }) => {
      const now = deps.clock.now()
      const windows = projectWindows(deps.inputs.enabledPolicies(), now, now + horizonHours * HOUR_MS)
      const organizations = deps.organizations?.() ?? new Map<string, OrganizationRef>()
      return Promise.resolve(
        windows.map((w) => {
          const organization = organizations.get(w.connectionId)
          return {
            clusterId: w.clusterId,
            clusterName: w.clusterName,
            ...(organization === undefined ? {} : { organization }),
            start: new Date(w.startMs).toISOString(),
            end: new Date(w.endMs).toISOString()
          }
        })
      )
    }
  }
}
