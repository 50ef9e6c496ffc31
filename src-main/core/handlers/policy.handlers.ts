import { CoreError } from '#contract/errors'
import type { StoreDatabase } from '../store/database.ts'
import { findCachedCluster, historyScope } from '../fleet/find-cluster.ts'
import { getMirroredPolicy } from '../store/cache.query.ts'
import { listPolicyHistory } from '../store/history.repo.ts'
import type { DraftOutbox } from '../sync/draft-outbox.ts'
import type { DraftSaver } from '../sync/draft-saver.ts'
import type { HandlersFor } from './types.ts'

type PolicyHandlerDeps = {
  db: StoreDatabase
  drafts: DraftSaver
  outbox: DraftOutbox
}

/** The mirrored policy and its history answer offline; `policy/apply` is a draft saved and pushed at once. */
export function policyHandlers(deps: PolicyHandlerDeps): HandlersFor<'policy/get' | 'policy/history' | 'policy/apply'> {
  const { db } = deps
  return {
    'policy/get': (target) => {
      const cluster = findCachedCluster(db, target)
      const mirrored = getMirroredPolicy(db, cluster.clusterId, cluster.connectionId)
      if (mirrored === null) throw new CoreError('not-found', 'The policy of this cluster has not been read yet: sync first.', { field: 'clusterId' })
      return Promise.resolve(mirrored)
    },
    'policy/history': (target) =>
      Promise.resolve(
        listPolicyHistory(db, historyScope(db, target)).map((c) => ({ clusterId: c.clusterId, at: c.at, source: c.source, before: c.before, after: c.after, ...(c.templateName === undefined ? {} : { templateName: c.templateName }) }))
      ),
    'policy/apply': async ({ policy, ...target }) => {
      const draft = deps.drafts.save(target, policy)
      const [result] = await deps.outbox.push([draft.id])
      if (result === undefined) throw new CoreError('internal', 'The push returned no result.')
      const state = result.state === 'synced' || result.state === 'conflict' || result.state === 'failed' ? result.state : 'queued'
      return result.error === undefined ? { draftId: draft.id, state } : { draftId: draft.id, state, error: result.error }
    }
  }
}
