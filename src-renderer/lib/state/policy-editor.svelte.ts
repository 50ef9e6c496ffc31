import type { PolicyHistoryEntry } from '#contract/commands/policy'
import type { CopyRegions } from '#contract/commands/region'
import type { SerializedError } from '#contract/errors'
import type { Draft } from '#contract/models/draft'
import type { BackupPolicy } from '#contract/models/policy'
import { policiesEqual, type PolicyIssue } from '#contract/policy-rules'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { formIssues, formToPolicy, policyToForm, type PolicyForm } from '../policy/policy-form.ts'

export type ApplyOutcome =
  /** `isMerged`: Zilliz Cloud had changes made elsewhere, merged with the admin's (the outbox's three-way merge). */
  | { kind: 'synced'; isEnabled: boolean; isMerged: boolean }
  | { kind: 'queued' }
  | { kind: 'conflict' }
  | { kind: 'failed'; message: string }
  | { kind: 'saved'; state: Draft['state'] }

/** Drafts that still wait for the admin or the outbox; a synced draft is history. */
function isOpenDraft(draft: Draft): boolean {
  return draft.state !== 'synced'
}

/**
 * One cluster's policy editor: the mirrored remote policy, the cluster's open draft (which the editor
 * starts from, when there is one), the form, its issues and the change history.
 */
export class PolicyEditorState {
  remote = $state<BackupPolicy | null>(null)
  remoteReadAt = $state<string | null>(null)
  draft = $state<Draft | null>(null)
  history = $state<PolicyHistoryEntry[]>([])
  form = $state<PolicyForm>(policyToForm(null))
  isLoading = $state(true)
  isWorking = $state(false)
  loadError = $state<SerializedError | null>(null)
  outcome = $state<ApplyOutcome | null>(null)
  /** Where copies may go, from the API's region list; null until known (offline: the region is typed). */
  copyRegions = $state<CopyRegions | null>(null)

  readonly policy: BackupPolicy = $derived(formToPolicy(this.form))
  readonly issues: PolicyIssue[] = $derived(formIssues(this.form))
  readonly isValid: boolean = $derived(this.issues.length === 0)
  /** What the form started from: the open draft, else the remote policy. */
  readonly baseline: BackupPolicy | null = $derived(this.draft?.policy ?? this.remote)
  readonly hasUnsavedChanges: boolean = $derived(this.baseline === null ? true : !policiesEqual(this.policy, this.baseline))
  readonly differsFromRemote: boolean = $derived(this.remote === null ? true : !policiesEqual(this.policy, this.remote))

  constructor(
    private readonly core: CoreClient,
    readonly clusterId: string,
    /** Cluster ids are the API's; the connection keeps drafts of two organizations apart. */
    readonly connectionId: string
  ) {}

  /** Reads name the organization too: two organizations (or emulators sharing a seed) may list the same cluster id. */
  private get target(): { clusterId: string; connectionId: string } {
    return { clusterId: this.clusterId, connectionId: this.connectionId }
  }

  async load(): Promise<void> {
    this.isLoading = true
    await this.read({ keepsForm: false })
  }

  /** Reads again after events may have been missed (follow.ts): what the admin typed and did not save stays in the form. */
  refresh(): Promise<void> {
    return this.read({ keepsForm: this.hasUnsavedChanges })
  }

  private async read({ keepsForm }: { keepsForm: boolean }): Promise<void> {
    const [remote, drafts] = await Promise.all([
      this.core.invoke('policy/get', this.target),
      this.core.invoke('draft/list', { connectionId: this.connectionId, clusterId: this.clusterId })
    ])
    this.isLoading = false
    if (remote.ok) {
      this.remote = remote.value.policy
      this.remoteReadAt = remote.value.readAt
    } else if (remote.error.code !== 'not-found') {
      this.loadError = remote.error
    }
    this.draft = drafts.ok ? (drafts.value.find(isOpenDraft) ?? null) : null
    if (!keepsForm) this.form = policyToForm(this.draft?.policy ?? this.remote)
    await Promise.all([this.loadHistory(), this.loadCopyRegions()])
  }

  async loadCopyRegions(): Promise<void> {
    const regions = await this.core.invoke('region/list', this.target)
    this.copyRegions = regions.ok ? regions.value : null
  }

  async loadHistory(): Promise<void> {
    const history = await this.core.invoke('policy/history', this.target)
    if (history.ok) this.history = [...history.value].sort((a, b) => b.at.localeCompare(a.at))
  }

  /** Keeps the open draft's state current while the editor is shown. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'draft/state-changed' && message.payload.clusterId === this.clusterId && this.draft?.id === message.payload.id) {
        this.draft = { ...this.draft, state: message.payload.state }
        if (message.payload.state === 'synced') void this.refreshRemote()
      }
    })
  }

  reset(): void {
    this.form = policyToForm(this.baseline)
    this.outcome = null
  }

  async saveDraft(): Promise<SerializedError | null> {
    if (!this.isValid) return null
    this.isWorking = true
    const result = await this.core.invoke('draft/save', { ...this.target, policy: this.policy })
    this.isWorking = false
    if (!result.ok) return result.error
    this.draft = result.value
    this.outcome = { kind: 'saved', state: result.value.state }
    return null
  }

  async apply(): Promise<SerializedError | null> {
    if (!this.isValid) return null
    this.isWorking = true
    const policy = this.policy
    const result = await this.core.invoke('policy/apply', { ...this.target, policy })
    this.isWorking = false
    if (!result.ok) {
      this.outcome = { kind: 'failed', message: result.error.message }
      return result.error
    }
    const { state, error } = result.value
    if (state === 'synced') {
      this.draft = null
      await this.refreshRemote()
      // The form shows what Zilliz Cloud has now: after a merge that is more than what was submitted.
      const isMerged = this.remote !== null && !policiesEqual(this.remote, policy)
      if (isMerged) this.form = policyToForm(this.remote)
      this.outcome = { kind: 'synced', isEnabled: policy.enabled, isMerged }
    } else if (state === 'conflict') {
      this.outcome = { kind: 'conflict' }
    } else if (state === 'queued') {
      this.outcome = { kind: 'queued' }
    } else {
      this.outcome = { kind: 'failed', message: error ?? 'Zilliz Cloud refused the policy.' }
    }
    if (state !== 'synced') {
      const drafts = await this.core.invoke('draft/list', { connectionId: this.connectionId, clusterId: this.clusterId })
      if (drafts.ok) this.draft = drafts.value.find(isOpenDraft) ?? null
    }
    return null
  }

  private async refreshRemote(): Promise<void> {
    const remote = await this.core.invoke('policy/get', this.target)
    if (remote.ok) {
      this.remote = remote.value.policy
      this.remoteReadAt = remote.value.readAt
    }
    await this.loadHistory()
  }
}
