import type { BackupListInput, BackupSort } from '#contract/commands/backup'
import type { ClusterChoice } from '#contract/commands/backup-filter-options'
import type { SerializedError } from '#contract/errors'
import type { Backup, BackupStatus, BackupType, CreationMethod } from '#contract/models/backup'
import type { Project } from '#contract/models/cluster'
import { SvelteMap } from 'svelte/reactivity'
import { afterNextPaint } from '../after-paint.ts'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

export type BackupFilters = {
  projectId: string
  clusterId: string
  creationMethod: '' | CreationMethod
  backupType: '' | BackupType
  status: '' | BackupStatus
  search: string
}

export const EMPTY_FILTERS: BackupFilters = {
  projectId: '',
  clusterId: '',
  creationMethod: '',
  backupType: '',
  status: '',
  search: ''
}

/**
 * Rows a read asks for: a tall window's rows and their overscan (≈ 50), twice. Each search keystroke reads one page,
 * and 200 backups cost the host ≈ 3 ms to read from the cache and the page as much again in JSON (bench/ui-backups).
 */
export const PAGE_SIZE = 100

/**
 * The backup list as a sparse, paged window over the core's cache: pages are fetched as the list
 * scrolls and kept until a filter, the sort or the data changes. Stale answers are dropped by generation.
 */
export class BackupsState {
  filters = $state<BackupFilters>({ ...EMPTY_FILTERS })
  sort = $state<BackupSort>({ by: 'createTime', dir: 'desc' })
  total = $state<number | null>(null)
  isLoading = $state(false)
  error = $state<SerializedError | null>(null)
  /* Raw: each answer replaces the whole list (a thousand choices need no proxy each, as in ClustersState). */
  clusters = $state.raw<ClusterChoice[]>([])
  projects = $state.raw<Project[]>([])
  /** What the list asks for, paging aside: a new query (filters, sort) starts again at the first row. */
  readonly listQuery: Omit<BackupListInput, 'offset' | 'limit'> = $derived(toListQuery(this.filters, this.sort))
  /** Whether any filter is set: derived once per change of the filters, not read through their proxy at each use. */
  readonly hasFilters: boolean = $derived(Object.values(this.filters).some((v) => v !== ''))

  /** Loaded pages by number; reactive per page, so a row re-renders when its page arrives. */
  private readonly pages = new SvelteMap<number, Backup[]>()
  private readonly pending = new Set<number>()
  private generation = 0

  /** Resolves once the rows last read have been painted (tests pass their own). */
  private readonly rowsPainted: () => Promise<void>

  constructor(
    private readonly core: CoreClient,
    options: { rowsPainted?: () => Promise<void> } = {}
  ) {
    this.rowsPainted = options.rowsPainted ?? (() => afterNextPaint(window))
  }

  /**
   * Nothing is read when the shell starts to follow the list (App.svelte): a visit reads it, as soon as it is asked
   * for; `refresh` reads the view again whenever events may have been missed (follow.ts).
   */
  load(): Promise<void> {
    return Promise.resolve()
  }

  /** The same view with fresh data after every sync, once the list has been read (`refresh`). */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished') void this.refresh()
    })
  }

  rowAt(index: number): Backup | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
  }

  clusterById(clusterId: string): ClusterChoice | undefined {
    return this.clusters.find((c) => c.clusterId === clusterId)
  }

  /** Whether the options are being read and none are in yet: the project and cluster filters say "Loading…". */
  isLoadingOptions = $state(false)
  /** The options' first read, shared by all who need them; null until asked for, or after a read that failed. */
  private optionsRead: Promise<void> | null = null
  /** Whether anything ever needed the options: only then does `refresh` read them again. */
  private optionsAsked = false

  /**
   * The clusters and projects the filters and the dialogs offer (`backup/filter-options`), read the first time
   * something needs them: a project or cluster filter focused or pointed at, or naming one (its select shows the
   * name), or a dialog that picks a cluster or a project. Not at a visit: their answer (every cluster, ≈ 260 KB for
   * 1,000) took the host ≈ 20 ms and the page ≈ 40 ms to draw, and a search typed meanwhile waited behind both (the
   * first search after a sync, 131–236 ms in bench/ui-backups).
   */
  needOptions(): Promise<void> {
    this.optionsAsked = true
    this.optionsRead ??= this.loadOptions()
    return this.optionsRead
  }

  /** Forgets the filter choices (a connection went, and its clusters with it): read again when next needed. */
  forgetOptions(): void {
    this.optionsRead = null
    this.clusters = []
    this.projects = []
  }

  private async loadOptions(): Promise<void> {
    this.isLoadingOptions = this.clusters.length === 0 && this.projects.length === 0
    const options = await this.core.invoke('backup/filter-options', {})
    if (!options.ok) {
      // What was shown stays; the next need asks again.
      this.optionsRead = null
      this.isLoadingOptions = false
      return
    }
    await this.noReadPending()
    this.clusters = options.value.clusters
    this.projects = options.value.projects
    this.isLoadingOptions = false
  }

  /**
   * Resolves at once when no first page is being read, else once the pages read meanwhile are in and painted: the
   * options' answer, a thousand clusters' options to draw, was handled while a search typed meanwhile was on its way
   * and held its rows back (the first search after a visit; bench/ui-backups).
   */
  private async noReadPending(): Promise<void> {
    while (this.isLoading) {
      await this.lastReload
      await this.rowsPainted()
    }
  }

  /**
   * A visit to the Backups screen, started as soon as it is asked for (App.svelte), so that the first page is read
   * while the screen's code still loads (bench/ui-backups). A notice's "Show backup" link (`search`) lands searched
   * to that one backup, other filters cleared; a cluster's link (`cluster`) narrows to it. Resolves when the first
   * page's read is over (the shell waits for it before its preload goes on: sections.ts).
   */
  visit(params: Readonly<Record<string, string>>): Promise<void> {
    const { search, cluster } = params
    if (search !== undefined) this.showOnly({ search })
    else if (cluster !== undefined && cluster !== this.filters.clusterId) this.setFilter('clusterId', cluster)
    else void this.reload()
    return this.lastReload
  }

  private lastReload: Promise<void> = Promise.resolve()
  /** Whether the list was ever read: until then a sync, an ended job or missed events have no view to refresh. */
  private hasRead = false

  /** Re-reads the first page with the current filters; older pages stay on screen until it arrives. */
  reload(): Promise<void> {
    this.hasRead = true
    this.lastReload = this.readFirstPage()
    // A filter that names a project or a cluster (a cluster's link, a select) is shown by its name: the options
    // are read once the rows are painted, so that they neither hold back the first page nor its frame.
    if (this.optionsRead === null && (this.filters.projectId !== '' || this.filters.clusterId !== '')) void this.lastReload.then(() => this.rowsPainted()).then(() => this.needOptions())
    return this.lastReload
  }

  private async readFirstPage(): Promise<void> {
    const generation = ++this.generation
    this.pending.clear()
    this.isLoading = true
    const result = await this.core.invoke('backup/list', this.query(0))
    if (generation !== this.generation) return
    this.isLoading = false
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.pages.clear()
    this.pages.set(0, result.value.items)
    this.total = result.value.total
  }

  /**
   * After a sync or an action: the same view, fresh data, and fresh options once something needed them. Nothing
   * before the first read: a window that never showed Backups reads neither the list nor the filter options
   * (test/unit/renderer/state/backups-state.svelte.test.ts).
   */
  async refresh(): Promise<void> {
    if (!this.hasRead) return
    await Promise.all([this.reload(), this.optionsAsked ? this.loadOptions() : undefined])
  }

  /** Makes sure every page that rows `start..end` fall in is loaded or loading. */
  ensureRange(start: number, end: number): void {
    if (this.total === null) return
    const last = Math.min(end, this.total - 1)
    for (let page = Math.floor(Math.max(0, start) / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!this.pages.has(page) && !this.pending.has(page)) void this.fetchPage(page)
    }
  }

  setFilter<K extends keyof BackupFilters>(key: K, value: BackupFilters[K]): void {
    if (this.filters[key] === value) return
    this.filters[key] = value
    if (key === 'projectId' && value !== '') {
      const cluster = this.clusterById(this.filters.clusterId)
      if (cluster !== undefined && cluster.projectId !== value) this.filters.clusterId = ''
    }
    void this.reload()
  }

  /** Replaces every filter at once (the rest cleared), with one reload. */
  showOnly(filters: Partial<BackupFilters>): void {
    this.filters = { ...EMPTY_FILTERS, ...filters }
    void this.reload()
  }

  clearFilters(): void {
    this.filters = { ...EMPTY_FILTERS }
    void this.reload()
  }

  toggleSort(by: BackupSort['by']): void {
    this.sort = this.sort.by === by ? { by, dir: this.sort.dir === 'asc' ? 'desc' : 'asc' } : { by, dir: by === 'backupName' || by === 'clusterName' ? 'asc' : 'desc' }
    void this.reload()
  }

  private async fetchPage(page: number): Promise<void> {
    const generation = this.generation
    this.pending.add(page)
    const result = await this.core.invoke('backup/list', this.query(page))
    if (generation !== this.generation) return
    this.pending.delete(page)
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.pages.set(page, result.value.items)
    this.total = result.value.total
  }

  private query(page: number): BackupListInput {
    return { ...this.listQuery, offset: page * PAGE_SIZE, limit: PAGE_SIZE }
  }
}

/** The filters that are set, as `backup/list` takes them (an empty filter is no filter). */
function toListQuery(f: BackupFilters, sort: BackupSort): Omit<BackupListInput, 'offset' | 'limit'> {
  const query: Omit<BackupListInput, 'offset' | 'limit'> = { sort: { by: sort.by, dir: sort.dir } }
  if (f.projectId !== '') query.projectId = f.projectId
  if (f.clusterId !== '') query.clusterId = f.clusterId
  if (f.creationMethod !== '') query.creationMethod = f.creationMethod
  if (f.backupType !== '') query.backupType = f.backupType
  if (f.status !== '') query.status = f.status
  const search = f.search.trim()
  if (search !== '') query.search = search
  return query
}
