import type { PlanService } from '../plan/plan-service.ts'
import type { HandlersFor } from './types.ts'

/** Plans are built from the cache (offline); applying pushes through the draft outbox or queues drafts. */
export function planHandlers(plans: PlanService): HandlersFor<'plan/create' | 'plan/get' | 'plan/apply'> {
  return {
    'plan/create': ({ clusterIds, change, connectionId }) => Promise.resolve(plans.create(clusterIds, change, connectionId)),
    'plan/get': ({ planId }) => Promise.resolve(plans.get(planId)),
    'plan/apply': ({ planId, mode, clusterIds }) => plans.apply(planId, mode, clusterIds)
  }
}
