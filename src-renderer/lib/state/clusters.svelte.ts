import type { ClusterDetail, FleetRow } from '#contract/commands/cluster'
import type { SerializedError } from '#contract/errors'
import type { Backup } from '#contract/models/backup'
import type { Project } from '#contract/models/cluster'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import type { FleetWindow } from '#contract/commands/fleet-window'
import { fleetCounts, type FleetCounts } from '#contract/fleet-rules'
import { afterNextPaint } from '../after-paint.ts'
import { groupByProject, groupsOfWindow, type ProjectGroup } from '../policy/fleet.ts'
import { firstFleetWindowInput } from './fleet-window-request.ts'

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

  /** Only the page's first load asks for the first rows; later ones (a sync, a change) read the whole list. */
  private isFirstRead = true

  /** `afterPaint`: resolves once the first rows are painted (the whole list is asked for then). */
  constructor(
    private readonly core: CoreClient,
    private readonly afterPaint: () => Promise<void> = () => afterNextPaint(window)
  ) {}

  /** The connection whose fleet this is: `cluster/list` answers for one connection (the active one). */
  get connectionId(): string | undefined {
    return (this.firstRows?.rows ?? this.clusters)[0]?.connectionId
  }

  /** A row by id; with `connectionId`, only that connection's (two connections can list the same cluster id). */
  byId(clusterId: string, connectionId?: string): FleetRow | undefined {
    return this.clusters.find((c) => c.clusterId === clusterId && (connectionId === undefined || c.connectionId === connectionId))
  }

  async load(): Promise<void> {
    this.isLoading = true
    if (this.isFirstRead) await this.loadFirstRows()
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

  /** The page's first read: its rows are painted before the whole list is asked for, so it waits for none of it. */
  private async loadFirstRows(): Promise<void> {
    this.isFirstRead = false
    const first = await this.core.invoke('cluster/list-window', firstFleetWindowInput())
    if (!first.ok || this.hasLoaded) return
    this.firstRows = first.value
    await this.afterPaint()
  }

  /** Reloads after every sync and every draft that reached the remote. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && (message.payload.state === 'synced' || message.payload.state === 'conflict'))) {
        void this.load()
      }
    })
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
