import { CoreError } from '#contract/errors'
import type { Draft } from '#contract/models/draft'
import { validatePolicy } from '#contract/policy-rules'
import { findCachedCluster, type ClusterTarget } from '../fleet/find-cluster.ts'
import type { EventBus } from '../lib/event-bus.ts'
import { getMirroredPolicy } from '../store/cache.query.ts'
import type { StoreDatabase } from '../store/database.ts'
import { findOpenDraft, saveDraft, type SaveDraftInput } from '../store/drafts.repo.ts'

type DraftSaverDeps = {
  db: StoreDatabase
  events: EventBus
  now: () => number
}

/**
 * Saves a cluster's policy as a draft against the remote policy it was edited from (the base the outbox compares
 * with before pushing): the mirror's for a new draft, the open draft's own base when it is edited again. Needs only
 * the cache, so it works offline; `draft/save` and `policy/apply` share it.
 */
export class DraftSaver {
  constructor(private readonly deps: DraftSaverDeps) {}

  save(target: ClusterTarget, policy: SaveDraftInput['policy']): Draft {
    const { db } = this.deps
    const cluster = findCachedCluster(db, target)
    const { clusterId } = cluster
    if (cluster.deployment !== 'Dedicated') {
      throw new CoreError('input/invalid', `${cluster.clusterName} is a ${cluster.deployment} cluster: backup policies apply to Dedicated clusters only.`)
    }
    // The same rules as a push (and the API): a draft that could never be pushed is refused before it is stored.
    const [issue] = validatePolicy(policy)
    if (issue !== undefined) throw new CoreError('input/invalid', issue.message, { field: `policy.${issue.field}` })
    // An open draft keeps the base it was made from: the editor shows the draft, not what Zilliz Cloud has now, so
    // re-basing it on the mirror would make the draft's untouched fields look like the admin's choices and write them
    // over a colleague's change (a conflict or a merge is the outbox's to find). A new draft starts from the mirror.
    const base = findOpenDraft(db, cluster.connectionId, clusterId)?.basePolicy ?? getMirroredPolicy(db, clusterId, cluster.connectionId)?.policy ?? null
    const draft = saveDraft(db, { connectionId: cluster.connectionId, clusterId, policy, basePolicy: base }, this.deps.now())
    this.deps.events.emit('draft/state-changed', { id: draft.id, clusterId, state: draft.state })
    return draft
  }
}
