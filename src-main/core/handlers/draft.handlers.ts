import { CoreError } from '#contract/errors'
import type { ConnectionService } from '../connections/connection-service.ts'
import type { StoreDatabase } from '../store/database.ts'
import { getMirroredPolicy } from '../store/cache.query.ts'
import { findCachedCluster } from '../fleet/find-cluster.ts'
import { discardDraft, getDraft, listDrafts, saveDraft } from '../store/drafts.repo.ts'
import type { DraftOutbox } from '../sync/draft-outbox.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { HandlersFor } from './types.ts'

export type DraftHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  outbox: DraftOutbox
  events: EventBus
  now: () => number
}

type DraftCommand = 'draft/save' | 'draft/list' | 'draft/discard' | 'draft/push' | 'draft/resolve' | 'policy/apply'

/** Drafts work offline: saving needs only the cache; pushing goes through the outbox. */
export function draftHandlers(deps: DraftHandlerDeps): HandlersFor<DraftCommand> {
  const { db, outbox } = deps
  const save = (clusterId: string, policy: Parameters<typeof saveDraft>[1]['policy']) => {
    const cluster = findCachedCluster(db, clusterId, deps.connections.activeId())
    if (cluster.deployment !== 'Dedicated') {
      throw new CoreError('input/invalid', `${cluster.clusterName} is a ${cluster.deployment} cluster: backup policies apply to Dedicated clusters only.`)
    }
    const base = getMirroredPolicy(db, clusterId, cluster.connectionId)?.policy ?? null
    const draft = saveDraft(db, { connectionId: cluster.connectionId, clusterId, policy, basePolicy: base }, deps.now())
    deps.events.emit('draft/state-changed', { id: draft.id, clusterId, state: draft.state })
    return draft
  }
  return {
    'draft/save': ({ clusterId, policy }) => Promise.resolve(save(clusterId, policy)),
    'draft/list': ({ connectionId, clusterId }) =>
      Promise.resolve(listDrafts(db, { ...(connectionId === undefined ? {} : { connectionId }), ...(clusterId === undefined ? {} : { clusterId }) })),
    'draft/discard': ({ id }) => {
      const draft = getDraft(db, id)
      discardDraft(db, id)
      deps.events.emit('draft/state-changed', { id, clusterId: draft.clusterId, state: 'synced' })
      return Promise.resolve({ id })
    },
    'draft/push': ({ draftIds }) => outbox.push(draftIds),
    'draft/resolve': async ({ id, resolution }) => ({ id, draft: await outbox.resolve(id, resolution) }),
    'policy/apply': async ({ clusterId, policy }) => {
      const draft = save(clusterId, policy)
      const [result] = await outbox.push([draft.id])
      if (result === undefined) throw new CoreError('internal', 'The push returned no result.')
      const state = result.state === 'synced' || result.state === 'conflict' || result.state === 'failed' ? result.state : 'queued'
      return result.error === undefined ? { draftId: draft.id, state } : { draftId: draft.id, state, error: result.error }
    }
  }
}
