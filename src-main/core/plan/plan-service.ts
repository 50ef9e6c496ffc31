import { CoreError } from '#contract/errors'
import type { Plan, PlanApplyResult, PlanChange, PlanTemplate } from '#contract/models/plan'
import type { PlanCluster } from '../store/plan.query.ts'
import { getPlan } from '../store/plans.repo.ts'
import { assignTemplate, getTemplate } from '../store/templates.repo.ts'
import { applyPlan, type PlanApplyDeps } from './plan-apply.ts'
import { PlanBuilder, type PlanBuilderDeps } from './plan-builder.ts'
import { applyFields, type PlanContext, type PlanTarget } from './plan-items.ts'

type PlanServiceDeps = PlanApplyDeps & PlanBuilderDeps

/**
 * The plan engine: every fleet change (a template, field edits, a policy file's targets) becomes a stored plan
 * the admin reviews, then applies through the draft outbox. Nothing is sent while a plan is built.
 */
export class PlanService {
  private readonly builder: PlanBuilder

  constructor(private readonly deps: PlanServiceDeps) {
    this.builder = new PlanBuilder(deps)
  }

  /** `connectionId`: whose clusters the ids mean; without it each id must be unambiguous (plan-context.ts). */
  create(clusterIds: readonly string[], change: PlanChange, connectionId?: string, ctx = this.context(clusterIds, connectionId)): Plan {
    const plan = this.build(this.targets(clusterIds, change), connectionId, ctx)
    this.save(plan)
    return plan
  }

  /** Records the template as the standard of each known Dedicated cluster, and plans bringing them to it. */
  assign(templateId: string, clusterIds: readonly string[], connectionId?: string): Plan {
    const ctx = this.context(clusterIds, connectionId)
    const plan = this.create(clusterIds, { kind: 'template', templateId }, connectionId, ctx)
    const assignable = clusterIds.map((id) => ctx.clusterOf(id)).filter((c): c is PlanCluster => c?.deployment === 'Dedicated')
    assignTemplate(this.deps.db, templateId, assignable, this.deps.now())
    return plan
  }

  get(planId: string): Plan {
    return getPlan(this.deps.db, planId).plan
  }

  apply(planId: string, mode: 'now' | 'drafts', clusterIds?: readonly string[]): Promise<PlanApplyResult[]> {
    return applyPlan(this.deps, getPlan(this.deps.db, planId), mode, clusterIds)
  }

  /** Builds a plan from targets without storing it (the benchmark measures this path). */
  build(targets: readonly PlanTarget[], connectionId?: string, ctx?: PlanContext): Plan {
    return this.builder.build(targets, connectionId, ctx)
  }

  /** Stores a plan built elsewhere from `build` (a policy file's plan, with the file's templates). */
  save(plan: Plan): void {
    this.builder.save(plan)
  }

  /** A policy file's templates against the stored ones, with the drift they move (plan-templates.ts). */
  reviewTemplates(templates: readonly PlanTemplate[], listed: ReadonlySet<string>): PlanTemplate[] {
    return this.builder.reviewTemplates(templates, listed)
  }

  private context(clusterIds: readonly string[], connectionId: string | undefined): PlanContext {
    return this.builder.context(clusterIds, connectionId)
  }

  private targets(clusterIds: readonly string[], change: PlanChange): PlanTarget[] {
    const ids = [...new Set(clusterIds)]
    switch (change.kind) {
      case 'template': {
        const template = getTemplate(this.deps.db, change.templateId)
        return ids.map((clusterId) => ({ clusterId, after: () => template.policy, templateId: template.id, templateName: template.name }))
      }
      case 'fields':
        if (Object.keys(change).length === 1) throw new CoreError('input/invalid', 'change: name at least one field to change.', { field: 'change' })
        return ids.map((clusterId) => ({ clusterId, after: (before) => applyFields(change, before) }))
      case 'policies': {
        const byCluster = new Map(change.items.map((item) => [item.clusterId, item]))
        const missing = ids.filter((id) => !byCluster.has(id)).length
        if (missing > 0 || byCluster.size !== change.items.length || ids.length !== byCluster.size) {
          throw new CoreError('input/invalid', 'clusterIds: must list exactly the clusters of change.items, each once.', { field: 'clusterIds' })
        }
        return change.items.map((item) => ({
          clusterId: item.clusterId,
          after: () => item.policy,
          ...(item.templateId === undefined ? {} : { templateId: item.templateId }),
          ...(item.templateName === undefined ? {} : { templateName: item.templateName }),
          ...(item.source === undefined ? {} : { source: item.source })
        }))
      }
    }
  }
}
