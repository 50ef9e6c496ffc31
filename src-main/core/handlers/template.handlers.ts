import type { PlanService } from '../plan/plan-service.ts'
import type { StoreDatabase } from '../store/database.ts'
import { deleteTemplate, saveTemplate, unassignTemplates } from '../store/templates.repo.ts'
import { templateListItems } from '../fleet/template-drift.ts'
import type { HandlersFor } from './types.ts'

type TemplateHandlerDeps = {
  db: StoreDatabase
  plans: PlanService
  now: () => number
}

type TemplateCommand = 'template/list' | 'template/save' | 'template/delete' | 'template/assign' | 'template/unassign'

/** Templates are local: they answer offline. Assigning returns the plan that brings the clusters to the template. */
export function templateHandlers(deps: TemplateHandlerDeps): HandlersFor<TemplateCommand> {
  const { db } = deps
  return {
    'template/list': () => Promise.resolve(templateListItems(db)),
    'template/save': (input) => {
      const { id, name, policy } = saveTemplate(db, input, deps.now())
      return Promise.resolve({ id, name, policy })
    },
    'template/delete': ({ id }) => Promise.resolve({ id, unassigned: deleteTemplate(db, id) }),
    'template/assign': ({ templateId, clusterIds, connectionId }) => Promise.resolve(deps.plans.assign(templateId, clusterIds, connectionId)),
    'template/unassign': ({ clusterIds, connectionId }) => Promise.resolve({ unassigned: unassignTemplates(db, clusterIds, connectionId) })
  }
}
