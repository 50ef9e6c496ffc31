import type { StoreDatabase } from '../store/database.ts'
import { withOrphans } from '../store/draft-attachment.query.ts'
import { discardDraft, getDraft, listDrafts } from '../store/drafts.repo.ts'
import type { DraftOutbox } from '../sync/draft-outbox.ts'
import type { DraftSaver } from '../sync/draft-saver.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { HandlersFor } from './types.ts'

type DraftHandlerDeps = {
  db: StoreDatabase
  drafts: DraftSaver
  outbox: DraftOutbox
  events: EventBus
}

type DraftCommand = 'draft/save' | 'draft/list' | 'draft/discard' | 'draft/push' | 'draft/resolve'

/** Drafts work offline: saving needs only the cache; pushing goes through the outbox. */
export function draftHandlers(deps: DraftHandlerDeps): HandlersFor<DraftCommand> {
  const { db, outbox } = deps
  return {
    'draft/save': ({ policy, ...target }) => Promise.resolve(deps.drafts.save(target, policy)),
    'draft/list': ({ connectionId, clusterId }) =>
      Promise.resolve(withOrphans(db, listDrafts(db, { ...(connectionId === undefined ? {} : { connectionId }), ...(clusterId === undefined ? {} : { clusterId }) }))),
    'draft/discard': ({ id }) => {
      const draft = getDraft(db, id)
      discardDraft(db, id)
      deps.events.emit('draft/state-changed', { id, clusterId: draft.clusterId, state: 'synced' })
      return Promise.resolve({ id })
    },
    'draft/push': ({ draftIds }) => outbox.push(draftIds),
    'draft/resolve': async ({ id, resolution, choices }) => ({
      id,
      draft: await outbox.resolve(id, resolution === 'choose' ? { kind: 'choose', choices: choices ?? {} } : { kind: resolution })
    })
  }
}
