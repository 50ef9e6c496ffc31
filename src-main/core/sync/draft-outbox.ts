import { CoreError, isCoreError } from '#contract/errors'
import type { DraftPushResult } from '#contract/commands/draft'
import type { Draft, DraftState } from '#contract/models/draft'
import { policiesEqual, validatePolicy, type BackupPolicy } from '#contract/models/policy'
import { MERGE_FIELD_LABELS, mergePolicies, type MergeChoice, type MergeField } from '#contract/policy-merge'
import type { FirstBackupBaseline, FirstBackupWatch } from '../actions/first-backup-watch.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { orphansOf, type DraftOrphan } from '../store/draft-attachment.query.ts'
import { discardDraft, getDraft, listDrafts, rebaseDraft, saveDraft, setDraftState } from '../store/drafts.repo.ts'
import { recordPolicyChange } from '../store/history.repo.ts'
import { getMirroredPolicy } from '../store/cache.query.ts'
import { upsertPolicy } from '../store/mirror.repo.ts'
import { toIso } from '../store/time.ts'
import { mapInOrder } from './map-in-order.ts'

type DraftOutboxDeps = {
  db: StoreDatabase
  pool: ClientPool
  events: EventBus
  logger: Logger
  now: () => number
  /** Tracks the backup that a push enabling automatic backups makes Zilliz start. */
  firstBackups: FirstBackupWatch
  /** Drafts pushed at once; the API client's rate limiter paces the requests themselves. Default 4. */
  concurrency?: number
}

/** How a conflict is settled: keep mine (merge, mine wins where both changed), take the remote, or choose per field. */
type Resolution = { kind: 'keep-mine' } | { kind: 'take-remote' } | { kind: 'choose'; choices: Partial<Record<MergeField, MergeChoice>> }

/**
 * Options of one push. `concurrency` overrides the default (a fleet plan pushes as many as the client's
 * limiter keeps busy). `strictBase`: any remote change since the base is a conflict, not merged — a reviewed
 * plan showed `before → after`, and a merge would send a policy nobody reviewed (issue #14).
 */
type PushOptions = { concurrency?: number; strictBase?: boolean }

/** Why a detached draft was not pushed (no ids or values: issue #13). */
const ORPHAN_TEXT: Record<DraftOrphan, string> = {
  organization: 'Not pushed: no connection reaches this draft\'s organization any more. Add a connection to it again (the draft re-attaches at its first sync), or export or discard the draft.',
  cluster: 'Not pushed: this cluster no longer exists in its organization. Export or discard the draft.'
}

/** Errors that mean "try again when the API is reachable": the draft waits as `queued`. */
const TRANSIENT = new Set(['api/unreachable', 'api/timeout', 'api/rate-limited', 'secret/unavailable'])

/**
 * The outbox of offline drafts: the one way a policy reaches Zilliz Cloud (the Drafts screen, policy/apply and
 * issue #14's plan engine all push through it). Public API:
 *  - `push(ids)`: pushes drafts, a few at a time, results in input order. Each push costs exactly one policy GET
 *    (the remote now) and at most one POST; what was sent is mirrored (no read-back: the next sync records any
 *    divergence as a remote change).
 *  - `drain(connectionId)`: pushes a connection's `queued` drafts (after a sync proved the API reachable).
 *  - `resolve(id, resolution)`: settles a `conflict`.
 * A remote that moved since the draft's base is merged three ways (contract/policy-merge.ts): fields changed on
 * one side only merge by themselves and the merge is pushed; only fields changed on both sides make a `conflict`.
 */
export class DraftOutbox {
  private readonly pushing = new Set<string>()

  constructor(private readonly deps: DraftOutboxDeps) {}

  push(ids: readonly string[], options: PushOptions = {}): Promise<DraftPushResult[]> {
    return mapInOrder(ids, options.concurrency ?? this.deps.concurrency ?? 4, (id) => this.pushOne(id, options.strictBase === true))
  }

  async drain(connectionId: string): Promise<void> {
    const queued = listDrafts(this.deps.db, { connectionId }).filter((d) => d.state === 'queued')
    if (queued.length > 0) await this.push(queued.map((d) => d.id))
  }

  /**
   * take-remote discards the draft. keep-mine and choose re-read the remote once and rebase the draft on it with
   * the three-way merge (a field only the remote changed keeps the remote's value); the draft still needs a push.
   */
  async resolve(id: string, resolution: Resolution): Promise<Draft | null> {
    const draft = getDraft(this.deps.db, id)
    if (resolution.kind === 'take-remote') {
      discardDraft(this.deps.db, id)
      return null
    }
    const client = await this.deps.pool.get(draft.connectionId)
    const remote = (await client.getPolicy(draft.clusterId)).policy
    this.mirror(draft, remote)
    const choices = resolution.kind === 'choose' ? resolution.choices : {}
    const merge = mergePolicies(draft.basePolicy, remote, draft.policy, choices)
    const unanswered = merge.conflicts.filter((f) => choices[f] === undefined)
    if (resolution.kind === 'choose' && unanswered.length > 0) {
      const [field] = unanswered
      throw new CoreError('input/invalid', `Choose mine or the remote for: ${unanswered.map((f) => MERGE_FIELD_LABELS[f]).join(', ')}.`, { field: `choices.${field ?? ''}` })
    }
    const rebased = saveDraft(this.deps.db, { connectionId: draft.connectionId, clusterId: draft.clusterId, policy: merge.merged, basePolicy: remote }, this.deps.now())
    this.announce(rebased)
    return rebased
  }

  private async pushOne(id: string, strictBase: boolean): Promise<DraftPushResult> {
    const draft = getDraft(this.deps.db, id)
    if (draft.state === 'synced') return { id, state: 'synced' }
    if (this.pushing.has(id)) return { id, state: 'syncing' }
    // A detached draft is not sent (and not marked as refused by Zilliz): it says why, and keeps its state.
    const orphan = orphansOf(this.deps.db, [id]).get(id)
    if (orphan !== undefined) return { id, state: draft.state, error: ORPHAN_TEXT[orphan] }
    const issues = validatePolicy(draft.policy)
    if (issues.length > 0) return this.settle(draft, 'failed', issues.map((i) => i.message).join(' '))
    this.pushing.add(id)
    try {
      this.settle(draft, 'syncing', null)
      const client = await this.deps.pool.get(draft.connectionId)
      return await this.write(client, draft, strictBase)
    } catch (error) {
      const message = isCoreError(error) ? error.message : 'The push failed unexpectedly.'
      if (!isCoreError(error)) this.deps.logger.error('draft push crashed', { draftId: id, error: String(error) })
      const state: DraftState = isCoreError(error) && TRANSIENT.has(error.code) ? 'queued' : 'failed'
      return this.settle(draft, state, message)
    } finally {
      this.pushing.delete(id)
    }
  }

  private async write(client: ZillizClient, draft: Draft, strictBase: boolean): Promise<DraftPushResult> {
    const remote = (await client.getPolicy(draft.clusterId)).policy
    const mirrored = getMirroredPolicy(this.deps.db, draft.clusterId, draft.connectionId)?.policy ?? null
    if (policiesEqual(remote, draft.policy)) {
      // Already in place: an earlier push went through before its answer was lost (or someone made the same
      // change). The mirror still shows the old policy, so neither this push nor a sync would record it: do so.
      if (mirrored !== null && !policiesEqual(mirrored, remote)) this.record(draft, mirrored, remote)
      this.mirror(draft, remote)
      return this.settle(draft, 'synced', null)
    }
    let target = draft.policy
    if (draft.basePolicy === null || !policiesEqual(remote, draft.basePolicy)) {
      if (strictBase) {
        this.mirror(draft, remote)
        return this.settle(draft, 'conflict', 'The policy was changed elsewhere since the plan was made. Nothing was written: review the cluster in Drafts.')
      }
      const merge = mergePolicies(draft.basePolicy, remote, draft.policy)
      this.mirror(draft, remote)
      if (merge.conflicts.length > 0) return this.settle(draft, 'conflict', describeConflict(draft.basePolicy, merge.conflicts))
      if (validatePolicy(merge.merged).length > 0) return this.settle(draft, 'conflict', 'The changes made on Zilliz Cloud and in this draft do not combine into a valid policy. Choose which to keep.')
      if (policiesEqual(merge.merged, remote)) return this.settle(draft, 'synced', null)
      target = merge.merged
      // The draft becomes the merge on the remote now, so that it shows what is pushed.
      rebaseDraft(this.deps.db, draft.id, target, remote, this.deps.now())
    }
    const baseline = !remote.enabled && target.enabled ? await this.firstBackupBaseline(client, draft) : null
    await client.setPolicy(draft.clusterId, target)
    this.mirror(draft, target)
    this.record(draft, remote, target)
    if (baseline !== null) await this.expectFirstBackup(client, draft, baseline)
    return this.settle(draft, 'synced', null)
  }

  /**
   * Enabling makes Zilliz start a backup at once, with no job id in its answer (issue #11 item 7): the AUTO backups
   * that exist before the write are read so that only a new one is taken for it. Tracking never stops a policy write:
   * when the read fails, the backup shows up with the next sync instead.
   */
  private async firstBackupBaseline(client: ZillizClient, draft: Draft): Promise<FirstBackupBaseline | null> {
    try {
      return await this.deps.firstBackups.baseline(client, draft.clusterId)
    } catch (error) {
      this.deps.logger.warn('first backup not tracked', { clusterId: draft.clusterId, error: isCoreError(error) ? error.code : String(error) })
      return null
    }
  }

  private async expectFirstBackup(client: ZillizClient, draft: Draft, baseline: FirstBackupBaseline): Promise<void> {
    try {
      await this.deps.firstBackups.expect(client, draft.connectionId, draft.clusterId, baseline)
    } catch (error) {
      // The policy was written; only the tracking failed (the job tracker goes on looking if the job was recorded).
      this.deps.logger.warn('first backup tracking failed', { clusterId: draft.clusterId, error: isCoreError(error) ? error.code : String(error) })
    }
  }

  private record(draft: Draft, before: BackupPolicy, after: BackupPolicy): void {
    recordPolicyChange(this.deps.db, { connectionId: draft.connectionId, clusterId: draft.clusterId, source: 'local-push', before, after, at: this.deps.now(), ...(draft.templateName === undefined ? {} : { templateName: draft.templateName }) })
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

function describeConflict(base: BackupPolicy | null, fields: readonly MergeField[]): string {
  if (base === null) return 'This draft was made before the remote policy was known. Choose, field by field, yours or the remote. Nothing was written.'
  const names = fields.map((f) => MERGE_FIELD_LABELS[f].toLowerCase()).join(', ')
  return `The policy was changed on Zilliz Cloud too: ${names} changed on both sides. Choose which to keep. Nothing was written.`
}
