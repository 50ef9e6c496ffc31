import type { SerializedError } from '#contract/errors'
import type { Plan, PlanApplyResult, PlanItem } from '#contract/models/plan'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

export type ApplyMode = 'now' | 'drafts'

/**
 * One plan under review: what it proposes, then (after the admin confirms) its progress and a result per
 * cluster. Nothing is sent until `apply`; a retry sends only the failed clusters again.
 */
export class PlanReviewState {
  plan = $state<Plan | null>(null)
  loadError = $state<SerializedError | null>(null)
  applyError = $state<SerializedError | null>(null)
  /**
   * Per cluster id, the latest result (a retry replaces the failed ones). The id alone is a key even when the plan
   * spans connections: a plan holds a cluster id once (models/plan.ts `planSchema`).
   */
  results = $state<Record<string, PlanApplyResult>>({})
  progress = $state<{ done: number; total: number } | null>(null)
  isApplying = $state(false)
  hasApplied = $state(false)

  readonly changes: PlanItem[] = $derived(this.plan?.items.filter((i) => i.verdict === 'change') ?? [])
  readonly failedIds: string[] = $derived(
    Object.values(this.results)
      .filter((r) => r.state === 'failed')
      .map((r) => r.clusterId)
  )

  constructor(
    private readonly core: CoreClient,
    readonly planId: string,
    initial: Plan | null = null
  ) {
    this.plan = initial
  }

  /** Reads the plan (a plan made elsewhere, such as from a policy file, arrives by id). */
  async load(): Promise<void> {
    const result = await this.core.invoke('plan/get', { planId: this.planId })
    if (!result.ok) {
      this.loadError = result.error
      return
    }
    this.loadError = null
    this.plan = result.value
  }

  count(verdict: PlanItem['verdict']): number {
    return this.plan?.items.filter((i) => i.verdict === verdict).length ?? 0
  }

  /** `plan/progressed` of this plan: clusters settled so far. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'plan/progressed' && message.payload.planId === this.planId && this.isApplying) {
        this.progress = { done: message.payload.done, total: message.payload.total }
      }
    })
  }

  /** Applies the plan (`now`: pushed, each remote re-read first; `drafts`: queued) or, with ids, only those clusters again. */
  async apply(mode: ApplyMode, clusterIds?: readonly string[]): Promise<void> {
    if (this.isApplying) return
    this.isApplying = true
    this.applyError = null
    this.progress = { done: 0, total: clusterIds?.length ?? this.changes.length }
    const result = await this.core.invoke('plan/apply', { planId: this.planId, mode, ...(clusterIds === undefined ? {} : { clusterIds: [...clusterIds] }) })
    this.isApplying = false
    this.progress = null
    if (!result.ok) {
      this.applyError = result.error
      return
    }
    this.hasApplied = true
    const next = { ...this.results }
    for (const item of result.value) next[item.clusterId] = item
    this.results = next
  }
}
