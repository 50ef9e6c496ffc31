import { randomUUID } from 'node:crypto'
import type { Plan, PlanTemplate } from '#contract/models/plan'
import type { StoreDatabase } from '../store/database.ts'
import { savePlan } from '../store/plans.repo.ts'
import { toIso } from '../store/time.ts'
import { loadPlanContext } from './plan-context.ts'
import { countStartsBackups, planItem, type PlanContext, type PlanTarget } from './plan-items.ts'
import { reviewFileTemplates } from './plan-templates.ts'

export type PlanBuilderDeps = {
  db: StoreDatabase
  now: () => number
}

/**
 * The plan engine's reading half: a plan from targets against the mirror, stored only when asked. It needs the store
 * alone, so `backup-desk plan` composes just this (core/policy-files/plan-on-store.ts); PlanService adds applying.
 */
export class PlanBuilder {
  constructor(private readonly deps: PlanBuilderDeps) {}

  /**
   * Builds a plan from targets without storing it (the benchmark measures this path). `connectionId`: whose clusters
   * the targets mean (plan-context.ts).
   */
  build(targets: readonly PlanTarget[], connectionId?: string, ctx = this.context(targets.map((t) => t.clusterId), connectionId)): Plan {
    const items = targets.map((t) => planItem(t, ctx))
    return { id: randomUUID(), createdAt: toIso(this.deps.now()), items, startsBackups: countStartsBackups(items) }
  }

  /** Stores a plan built elsewhere from `build` (a policy file's plan, with the file's templates). */
  save(plan: Plan): void {
    savePlan(this.deps.db, plan, this.deps.now())
  }

  /** A policy file's templates against the stored ones, with the drift they move (plan-templates.ts). */
  reviewTemplates(templates: readonly PlanTemplate[], listed: ReadonlySet<string>): PlanTemplate[] {
    return reviewFileTemplates(this.deps.db, templates, listed)
  }

  context(clusterIds: readonly string[], connectionId: string | undefined): PlanContext {
    return loadPlanContext(this.deps.db, clusterIds, connectionId)
  }
}
