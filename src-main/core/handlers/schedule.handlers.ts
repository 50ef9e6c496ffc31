import type { Clock } from '../lib/clock.ts'
import { projectWindows } from '../schedule/projection.ts'
import type { WatchInputs } from '../schedule/watch-inputs.ts'
import type { HandlersFor } from './types.ts'

export type ScheduleHandlerDeps = {
  inputs: WatchInputs
  clock: Clock
}

const HOUR_MS = 3_600_000

/** The backup windows of the enabled policies in the coming hours, from the cache. */
export function scheduleHandlers(deps: ScheduleHandlerDeps): HandlersFor<'schedule/upcoming'> {
  return {
    'schedule/upcoming': ({ horizonHours }) => {
      const now = deps.clock.now()
      const windows = projectWindows(deps.inputs.enabledPolicies(), now, now + horizonHours * HOUR_MS)
      return Promise.resolve(
        windows.map((w) => ({
          clusterId: w.clusterId,
          clusterName: w.clusterName,
          start: new Date(w.startMs).toISOString(),
          end: new Date(w.endMs).toISOString()
        }))
      )
    }
  }
}
