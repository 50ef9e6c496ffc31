import type { ClusterDetail, FleetRow } from '#contract/commands/cluster'
import type { SerializedError } from '#contract/errors'
import type { Backup } from '#contract/models/backup'
import type { Project } from '#contract/models/cluster'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import type { FleetWindow } from '#contract/commands/fleet-window'
import { fleetCounts, type FleetCounts } from '#contract/fleet-rules'
import { quietAfterNextPaint } from '../after-paint.ts'
import { groupByProject, groupsOfWindow, type ProjectGroup } from '../policy/fleet.ts'
import { firstFleetWindowInput } from './fleet-window-request.ts'
import { readyAnswer } from '../core-client/ready-answers.ts'

/**
 * How long the whole list waits after the Fleet's first rows are painted, unless the admin scrolls, keys through the
 * list or filters it first (`wantWhole`). The host answers one request at a time and the whole list is its longest
 * read (≈ 200 ms for 1,000 clusters): sent right after the first rows, it held back the screen an admin opened next
 * (bench/timeline, the first visit from the Fleet), and a Fleet left before it goes out never sends it. A second is
 * longer than going straight to another screen takes (a shortcut, the sidebar; 500 ms was seen too short on a loaded
 * machine), and short enough that the rest is in before an admin reading the first rows reaches their end.
 */
export const WHOLE_LIST_AFTER_MS = 1000

/** The fleet as mirrored by the core: clusters with their policy summary and health, and their projects. */
export class ClustersState {
  /*
   * Raw, not deep state: each answer replaces the whole list and nothing edits a row in place, so a thousand rows
   * need no proxy per object (deep proxies made grouping and sorting the Fleet's first paint cost ~70 ms).
   */
  clusters = $state.raw<FleetRow[]>([])
  projects = $state.raw<Project[]>([])
  /**
   * The Fleet's first rows, the projects' sizes and the summary (`cluster/list-window`) until the whole list is in:
   * a fresh page paints them without waiting for a thousand rows (bench/ui-fleet).
   */
  firstRows = $state.raw<FleetWindow | null>(null)
  isLoading = $state(false)
  /** The whole list is in: a cluster not in it is not in the fleet. */
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)
  readonly groups: ProjectGroup[] = $derived(this.firstRows === null ? groupByProject(this.clusters, this.projects) : groupsOfWindow(this.firstRows))
  /** The summary's parts over the whole fleet, from the first read until the whole list is in. */
  readonly counts: FleetCounts = $derived(this.firstRows?.counts ?? fleetCounts(this.clusters))
  /** Something to draw: the whole list, or its first rows. */
  readonly isShown: boolean = $derived(this.hasLoaded || this.firstRows !== null)

  /** Only the Fleet's first load asks for the first rows; later ones (a sync, a change) read the whole list. */
  private isFirstRead: boolean
  /** The screen that showed the list has gone (`watch` stopped): what was not asked for yet never is. */
  private isStopped = false
  private wantWholeNow: () => void = () => undefined
  private readonly isWholeWanted = new Promise<void>((resolve) => (this.wantWholeNow = resolve))

  private readonly firstRowsSettled: () => Promise<void>

  /**
   * `firstRows`: the first load reads the first rows before the whole list (the Fleet list; a screen that looks up
   * any cluster, as the Drafts do, reads the whole list at once). `firstRowsSettled`: resolves once the first rows
   * are painted and the page has been quiet for a while after them (the whole list is asked for then, or when wanted).
   */
  constructor(
    private readonly core: CoreClient,
    options: { firstRows?: boolean; firstRowsSettled?: () => Promise<void> } = {}
  ) {
    this.isFirstRead = options.firstRows ?? true
    this.firstRowsSettled = options.firstRowsSettled ?? (() => quietAfterNextPaint(window, WHOLE_LIST_AFTER_MS))
    // The host's first paint: the first rows it read for this page (ready-answers.ts), the first read's answer.
    const ready = this.isFirstRead ? readyAnswer(core, 'cluster/list-window') : undefined
    if (ready?.ok === true) this.firstRows = ready.value
  }

  /** The connection whose fleet this is: `cluster/list` answers for one connection (the active one). */
  get connectionId(): string | undefined {
    return (this.firstRows?.rows ?? this.clusters)[0]?.connectionId
  }

  /**
   * A row by id, among the first rows until the whole list is in; with `connectionId`, only that connection's (two
   * connections can list the same cluster id).
   */
  byId(clusterId: string, connectionId?: string): FleetRow | undefined {
    return (this.firstRows?.rows ?? this.clusters).find((c) => c.clusterId === clusterId && (connectionId === undefined || c.connectionId === connectionId))
  }

  /** The admin moves through the list or filters it: the whole list is asked for now if it is still waiting. */
  wantWhole(): void {
    this.wantWholeNow()
  }

  async load(): Promise<void> {
    this.isLoading = true
    if (this.isFirstRead) await this.loadFirstRows()
    if (this.isStopped) {
      this.isLoading = false
      return
    }
    const [clusters, projects] = await Promise.all([this.core.invoke('cluster/list', {}), this.core.invoke('project/list', {})])
    this.isLoading = false
    this.hasLoaded = true
    if (!clusters.ok) {
      this.error = clusters.error
      return
    }
    this.error = null
    this.clusters = clusters.value
    if (projects.ok) this.projects = projects.value
    this.firstRows = null
  }

  /**
   * The page's first read: its rows are painted before the whole list is asked for, so it waits for none of it; the
   * whole list then waits for a quiet moment (WHOLE_LIST_AFTER_MS) or for the admin to want it.
   */
  private async loadFirstRows(): Promise<void> {
    this.isFirstRead = false
    // Answered already when the page came with the host's first paint (the constructor took it).
    if (this.firstRows === null) {
      const first = await this.core.invoke('cluster/list-window', firstFleetWindowInput())
      if (!first.ok || this.hasLoaded) return
      this.firstRows = first.value
    }
    await Promise.race([this.firstRowsSettled(), this.isWholeWanted])
  }

  /** Reloads after every sync and every draft that reached the remote; once stopped, reads nothing more. */
  watch(): Unsubscribe {
    this.isStopped = false
    const stop = this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && (message.payload.state === 'synced' || message.payload.state === 'conflict'))) {
        void this.load()
      }
    })
    return () => {
      this.isStopped = true
      stop()
    }
  }
}

/** The newest few backups of one cluster, for its details page. */
export class RecentBackupsState {
  items = $state<Backup[]>([])
  total = $state(0)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  /** `connectionId`: the cluster's own connection; two connections can list the same cluster id. */
  constructor(
    private readonly core: CoreClient,
    readonly clusterId: string,
    readonly connectionId: string
  ) {}

  /** Stays current: after every sync, and whenever one of this cluster's jobs moves (a backup being made, deleted…). */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'job/updated' && message.payload.clusterId === this.clusterId && message.payload.connectionId === this.connectionId)) void this.load()
    })
  }

  async load(limit = 5): Promise<void> {
    const result = await this.core.invoke('backup/list', { clusterId: this.clusterId, connectionId: this.connectionId, sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit })
    this.hasLoaded = true
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.items = result.value.items
    this.total = result.value.total
  }
}

/** What only the details pane shows (CU, creation time, when the policy was read): loaded on demand. */
export class ClusterDetailState {
  detail = $state<ClusterDetail | null>(null)
  error = $state<SerializedError | null>(null)

  /** `connectionId`: the cluster's own connection; two connections can list the same cluster id. */
  constructor(
    private readonly core: CoreClient,
    readonly clusterId: string,
    readonly connectionId: string
  ) {}

  /** When the policy was read changes with every sync. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished') void this.load()
    })
  }

  async load(): Promise<void> {
    const result = await this.core.invoke('cluster/get', { clusterId: this.clusterId, connectionId: this.connectionId })
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.detail = result.value
  }
}
