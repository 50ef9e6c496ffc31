import { CoreError, isCoreError } from '#contract/errors'
import type { DraftPushResult } from '#contract/commands/draft'
import type { Draft, DraftState } from '#contract/models/draft'
import { policiesEqual, validatePolicy, type BackupPolicy } from '#contract/models/policy'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { discardDraft, getDraft, listDrafts, saveDraft, setDraftState } from '../store/drafts.repo.ts'
import { recordPolicyChange } from '../store/history.repo.ts'
import { upsertPolicy } from '../store/mirror.repo.ts'
import { toIso } from '../store/time.ts'

export type DraftOutboxDeps = {
  db: StoreDatabase
  pool: ClientPool
  events: EventBus
  logger: Logger
  now: () => number
}

/** Errors that mean "try again when the API is reachable": the draft waits as `queued`. */
const TRANSIENT = new Set(['api/unreachable', 'api/timeout', 'api/rate-limited', 'secret/unavailable'])

/**
 * The outbox of offline drafts. Pushing re-reads the remote policy first: if it changed since the
 * draft's base, the draft becomes `conflict` and nothing is written; otherwise the policy is set,
 * read back to confirm, mirrored and recorded in the local history.
 */
export class DraftOutbox {
  private readonly pushing = new Set<string>()

  constructor(private readonly deps: DraftOutboxDeps) {}

  async push(ids: readonly string[]): Promise<DraftPushResult[]> {
    const results: DraftPushResult[] = []
    for (const id of ids) results.push(await this.pushOne(id))
    return results
  }

  /** Pushes every `queued` draft of a connection (after a sync proved the API reachable). */
  async drain(connectionId: string): Promise<void> {
    const queued = listDrafts(this.deps.db, { connectionId }).filter((d) => d.state === 'queued')
    if (queued.length > 0) await this.push(queued.map((d) => d.id))
  }

  /** keep-mine: rebase on the current remote (still to be pushed); take-remote: discard the draft. */
  async resolve(id: string, resolution: 'keep-mine' | 'take-remote'): Promise<Draft | null> {
    const draft = getDraft(this.deps.db, id)
    if (resolution === 'take-remote') {
      discardDraft(this.deps.db, id)
      return null
    }
    const client = await this.deps.pool.get(draft.connectionId)
    const remote = await client.getPolicy(draft.clusterId)
    upsertPolicy(this.deps.db, draft.connectionId, { clusterId: draft.clusterId, policy: remote.policy, readAt: toIso(this.deps.now()) })
    const rebased = saveDraft(this.deps.db, { connectionId: draft.connectionId, clusterId: draft.clusterId, policy: draft.policy, basePolicy: remote.policy }, this.deps.now())
    this.announce(rebased)
    return rebased
  }

  private async pushOne(id: string): Promise<DraftPushResult> {
    const draft = getDraft(this.deps.db, id)
    if (draft.state === 'synced') return { id, state: 'synced' }
    if (this.pushing.has(id)) return { id, state: 'syncing' }
    const issues = validatePolicy(draft.policy)
    if (issues.length > 0) return this.settle(draft, 'failed', issues.map((i) => i.message).join(' '))
    this.pushing.add(id)
    try {
      this.settle(draft, 'syncing', null)
      const client = await this.deps.pool.get(draft.connectionId)
      return await this.write(client, draft)
    } catch (error) {
      const message = isCoreError(error) ? error.message : 'The push failed unexpectedly.'
      if (!isCoreError(error)) this.deps.logger.error('draft push crashed', { draftId: id, error: String(error) })
      const state: DraftState = isCoreError(error) && TRANSIENT.has(error.code) ? 'queued' : 'failed'
      return this.settle(draft, state, message)
    } finally {
      this.pushing.delete(id)
    }
  }

  private async write(client: ZillizClient, draft: Draft): Promise<DraftPushResult> {
    const remote = (await client.getPolicy(draft.clusterId)).policy
    if (policiesEqual(remote, draft.policy)) {
      // Already in place: an earlier push went through before its answer was lost, or someone made the same change.
      this.mirror(draft, remote)
      return this.settle(draft, 'synced', null)
    }
    if (draft.basePolicy === null || !policiesEqual(remote, draft.basePolicy)) {
      this.mirror(draft, remote)
      return this.settle(draft, 'conflict', describeConflict(draft.basePolicy, remote))
    }
    await client.setPolicy(draft.clusterId, draft.policy)
    const confirmed = (await client.getPolicy(draft.clusterId)).policy
    this.mirror(draft, confirmed)
    if (!policiesEqual(confirmed, draft.policy)) {
      throw new CoreError('api/rejected', 'Zilliz Cloud accepted the policy but reads back a different one. Review it and push again.')
    }
    recordPolicyChange(this.deps.db, { connectionId: draft.connectionId, clusterId: draft.clusterId, source: 'local-push', before: remote, after: confirmed })
    return this.settle(draft, 'synced', null)
  }

  private mirror(draft: Draft, policy: BackupPolicy): void {
    upsertPolicy(this.deps.db, draft.connectionId, { clusterId: draft.clusterId, policy, readAt: toIso(this.deps.now()) })
  }

  private settle(draft: Draft, state: DraftState, error: string | null): DraftPushResult {
    const updated = setDraftState(this.deps.db, draft.id, state, error, this.deps.now())
    this.announce(updated)
    return updated.error === undefined ? { id: draft.id, state } : { id: draft.id, state, error: updated.error }
  }

  private announce(draft: Draft): void {
    this.deps.events.emit('draft/state-changed', {
      id: draft.id,
      clusterId: draft.clusterId,
      state: draft.state,
      ...(draft.error === undefined ? {} : { error: draft.error })
    })
  }
}

function describeConflict(base: BackupPolicy | null, remote: BackupPolicy): string {
  if (base === null) return 'This draft was made before the remote policy was known. Review the remote policy, then keep yours or take the remote.'
  const changed: string[] = []
  if (base.enabled !== remote.enabled) changed.push(remote.enabled ? 'enabled' : 'disabled')
  if (base.frequency !== remote.frequency) changed.push('weekdays')
  if (base.startTime !== remote.startTime) changed.push('window')
  if (base.retentionDays !== remote.retentionDays) changed.push('retention')
  if (JSON.stringify(base.crossRegionCopies ?? []) !== JSON.stringify(remote.crossRegionCopies ?? [])) changed.push('cross-region copies')
  return `The policy was changed elsewhere since this draft was made (${changed.join(', ') || 'details'}). Nothing was written.`
}
