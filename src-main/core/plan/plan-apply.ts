import { CoreError, isCoreError } from '#contract/errors'
import type { DraftPushResult } from '#contract/commands/draft'
import type { PlanApplyResult, PlanItem } from '#contract/models/plan'
import type { EventBus } from '../lib/event-bus.ts'
import type { StoreDatabase } from '../store/database.ts'
import { findOpenDraft, saveDraft, setDraftState } from '../store/drafts.repo.ts'
import { recordPlanResults, type StoredPlan } from '../store/plans.repo.ts'
import { assignTemplate } from '../store/templates.repo.ts'
import { saveFileTemplates } from './plan-templates.ts'
import { writeTransaction } from '../store/transaction.ts'
import type { DraftOutbox } from '../sync/draft-outbox.ts'

export type PlanApplyDeps = {
  db: StoreDatabase
  outbox: DraftOutbox
  events: EventBus
  now: () => number
}

/**
 * Pushes in flight for a plan. Each is a policy GET then a POST on two endpoints with separate budgets; with the
 * client's 8 concurrent requests and 18/s pacing per endpoint, 16 pushes keep both budgets busy while some wait
 * for their pacing slot or for SQLite (bench/fleet-plan.bench.ts).
 */
const PUSH_CONCURRENCY = 16

const UNREACHABLE = 'Zilliz Cloud could not be reached: the change waits as a queued draft, pushed after the next successful sync.'

/**
 * Applies a stored plan through the draft outbox: each change becomes a draft whose base is the remote policy the
 * plan was made from, so a cluster changed elsewhere since the plan is a `conflict` and is never overwritten.
 * `clusterIds` limits the run to some items (retrying the failed ones); an item already applied is not sent again.
 */
export async function applyPlan(deps: PlanApplyDeps, stored: StoredPlan, mode: 'now' | 'drafts', clusterIds?: readonly string[]): Promise<PlanApplyResult[]> {
  const { plan, results: previous } = stored
  const items = selectItems(plan.items, clusterIds)
  const fileTemplates = plan.templates === undefined ? new Map<string, string>() : saveFileTemplates(deps.db, plan.templates, deps.now())
  const results = new Map<string, PlanApplyResult>()
  const drafts = new Map<string, PlanItem>()
  // One transaction (one fsync) for every draft of the plan, instead of one per cluster.
  writeTransaction(deps.db, 'save the plan as drafts', () => {
    for (const item of items) {
      const earlier = previous.get(item.clusterId)
      if (item.verdict === 'same') results.set(item.clusterId, { clusterId: item.clusterId, state: 'unchanged' })
      else if (item.verdict !== 'change') results.set(item.clusterId, { clusterId: item.clusterId, state: 'skipped', ...(item.reason === undefined ? {} : { error: item.reason }) })
      else if (earlier?.state === 'applied') results.set(item.clusterId, earlier)
      else {
        const prepared = prepareDraft(deps, item, earlier?.draftId)
        if ('state' in prepared) results.set(item.clusterId, prepared)
        else drafts.set(prepared.draftId, item)
      }
    }
  })
  const pushed = mode === 'now' ? await pushWithProgress(deps, plan.id, [...drafts.keys()]) : queueAll(deps, [...drafts.keys()])
  for (const r of pushed) {
    const item = drafts.get(r.id)
    if (item !== undefined) results.set(item.clusterId, toApplyResult(item.clusterId, r))
  }
  const ordered = items.map((i) => results.get(i.clusterId) ?? { clusterId: i.clusterId, state: 'failed' as const, error: 'The push returned no result.' })
  recordPlanResults(deps.db, plan.id, ordered)
  recordAssignments(deps, items, results, fileTemplates)
  return ordered
}

function selectItems(items: readonly PlanItem[], clusterIds: readonly string[] | undefined): PlanItem[] {
  if (clusterIds === undefined) return [...items]
  const wanted = new Set(clusterIds)
  const selected = items.filter((i) => wanted.has(i.clusterId))
  if (selected.length !== wanted.size) throw new CoreError('input/invalid', 'clusterIds: every cluster must be an item of the plan.', { field: 'clusterIds' })
  return selected
}

/** Saves the item's draft; a draft opened by someone else since the plan was made is left alone. */
function prepareDraft(deps: PlanApplyDeps, item: PlanItem, ownDraftId: string | undefined): { draftId: string } | PlanApplyResult {
  if (item.after === null) return { clusterId: item.clusterId, state: 'skipped', error: 'The plan has no policy for this cluster.' }
  try {
    const open = findOpenDraft(deps.db, item.connectionId, item.clusterId)
    if (open !== null && open.id !== ownDraftId) {
      return { clusterId: item.clusterId, state: 'skipped', error: 'A draft was opened for this cluster since the plan was made: nothing was changed.' }
    }
    const draft = saveDraft(deps.db, { connectionId: item.connectionId, clusterId: item.clusterId, policy: item.after, basePolicy: item.before, templateName: item.templateName }, deps.now())
    return { draftId: draft.id }
  } catch (error) {
    return { clusterId: item.clusterId, state: 'failed', error: isCoreError(error) ? error.message : 'The draft could not be saved.' }
  }
}

async function pushWithProgress(deps: PlanApplyDeps, planId: string, draftIds: string[]): Promise<DraftPushResult[]> {
  const total = draftIds.length
  if (total === 0) return []
  const pending = new Set(draftIds)
  let done = 0
  deps.events.emit('plan/progressed', { planId, done, total })
  const unsubscribe = deps.events.subscribe((message) => {
    if (message.name !== 'draft/state-changed' || message.payload.state === 'syncing' || !pending.delete(message.payload.id)) return
    done++
    deps.events.emit('plan/progressed', { planId, done, total })
  })
  try {
    return await deps.outbox.push(draftIds, { strictBase: true, concurrency: PUSH_CONCURRENCY })
  } finally {
    unsubscribe()
  }
}

/** Mode `drafts`: every change waits as a queued draft; the outbox drains it after the next successful sync. */
function queueAll(deps: PlanApplyDeps, draftIds: readonly string[]): DraftPushResult[] {
  const queued = writeTransaction(deps.db, 'queue the plan drafts', () => draftIds.map((id) => setDraftState(deps.db, id, 'queued', null, deps.now())))
  for (const draft of queued) deps.events.emit('draft/state-changed', { id: draft.id, clusterId: draft.clusterId, state: 'queued' })
  return queued.map((d) => ({ id: d.id, state: 'queued' }))
}

function toApplyResult(clusterId: string, r: DraftPushResult): PlanApplyResult {
  const draftId = r.id
  switch (r.state) {
    case 'synced':
      return { clusterId, state: 'applied', draftId }
    case 'conflict':
      return { clusterId, state: 'conflict', draftId, error: r.error ?? 'The policy was changed elsewhere since the plan was made. Nothing was written.' }
    case 'queued':
    case 'local':
      return { clusterId, state: 'queued', draftId, ...(r.error === undefined ? { error: UNREACHABLE } : { error: r.error }) }
    case 'syncing':
      return { clusterId, state: 'failed', draftId, error: 'This draft is already being pushed; look at its result in Drafts.' }
    case 'failed':
      return { clusterId, state: 'failed', draftId, error: r.error ?? 'Zilliz Cloud refused the policy.' }
  }
}

/**
 * A template reaches the clusters that took it (or will, once queued): they are now assigned to it. A policy file's
 * items name their template; `fileTemplates` has the ids its templates were saved under.
 */
function recordAssignments(deps: PlanApplyDeps, items: readonly PlanItem[], results: ReadonlyMap<string, PlanApplyResult>, fileTemplates: ReadonlyMap<string, string>): void {
  const byTemplate = new Map<string, { connectionId: string; clusterId: string }[]>()
  for (const item of items) {
    const state = results.get(item.clusterId)?.state
    const templateId = item.templateId ?? fileTemplates.get(item.templateName?.toLowerCase() ?? '')
    if (templateId === undefined || (state !== 'applied' && state !== 'unchanged' && state !== 'queued')) continue
    byTemplate.set(templateId, [...(byTemplate.get(templateId) ?? []), { connectionId: item.connectionId, clusterId: item.clusterId }])
  }
  for (const [templateId, clusters] of byTemplate) assignTemplate(deps.db, templateId, clusters, deps.now())
}
