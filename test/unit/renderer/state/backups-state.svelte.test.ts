import { flushSync } from 'svelte'
import { describe, expect, test } from 'vitest'
import type { BackupListInput } from '#contract/commands/backup'
import type { ClusterChoice } from '#contract/commands/backup-filter-options'
import { failure, success } from '#contract/envelope'
import type { Backup } from '#contract/models/backup'
import { BackupsState, PAGE_SIZE } from '../../../../src-renderer/lib/state/backups.svelte.ts'
import { follow } from '../../../../src-renderer/lib/state/follow.ts'
import { deferred, FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

function backup(index: number, overrides: Partial<Backup> = {}): Backup {
  return {
    backupId: `backup-${index}`,
    backupName: `backup-${String(index).padStart(4, '0')}`,
    clusterId: 'in01-orders',
    clusterName: 'orders',
    projectId: 'proj-1',
    connectionId: 'conn-1',
    backupType: 'CLUSTER',
    creationMethod: 'AUTO',
    status: 'AVAILABLE',
    size: 1024,
    createTime: '2026-11-01T00:00:00Z',
    expireTime: null,
    ...overrides
  }
}

/** The one cluster the filter options offer in these tests. */
const ORDERS: ClusterChoice = {
  clusterId: 'in01-orders', clusterName: 'orders', projectId: 'proj-1', projectName: 'Production', connectionId: 'conn-1',
  deployment: 'Dedicated', status: 'RUNNING', supportsBackup: true
}

/** A core whose cache holds `count` backups, answered page by page as `backup/list` slices them. */
function coreWithBackups(count: number): FakeCoreClient {
  const all = Array.from({ length: count }, (_, i) => backup(i))
  return new FakeCoreClient()
    .answer('backup/list', (input) => success({ total: all.length, items: all.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? PAGE_SIZE)) }))
    .answer('backup/filter-options', () => success({ clusters: [], projects: [] }))
}

/** A core whose `backup/list` answers one backup once `firstPage` is resolved. */
function coreWithHeldFirstPage(): { core: FakeCoreClient; firstPage: { resolve: (value: undefined) => void } } {
  const firstPage = deferred<undefined>()
  const core = coreWithBackups(3).answer('backup/list', async () => {
    await firstPage.promise
    return success({ total: 1, items: [backup(0)] })
  })
  return { core, firstPage }
}

describe('BackupsState followed by the shell', () => {
  test('reads nothing until a visit, and reads the view again when the client says events were missed', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    const stop = follow(core, backups)
    await settle()
    expect(core.calls).toEqual([])
    await backups.reload()
    await backups.needOptions()
    core.reconnect()
    await settle()
    expect(core.callsOf('backup/list')).toHaveLength(2)
    expect(core.callsOf('backup/filter-options')).toHaveLength(2)
    stop()
  })

  test('a window that never showed Backups reads nothing on sync/finished, an ended job or missed events', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    const stop = follow(core, backups)
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await backups.refresh()
    core.reconnect()
    await settle()
    expect(core.calls).toEqual([])
    stop()
  })

  test('once Backups was read, each sync/finished reads the list again, and the filter options once something needed them', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    const stop = follow(core, backups)
    void backups.visit({})
    await settle()
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(core.callsOf('backup/list')).toHaveLength(2)
    expect(core.callsOf('backup/filter-options')).toEqual([])
    await backups.needOptions()
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(core.callsOf('backup/list')).toHaveLength(3)
    expect(core.callsOf('backup/filter-options')).toHaveLength(2)
    stop()
  })
})

describe('BackupsState paging', () => {
  test('reload shows the first page and the total; rows of later pages are unknown until their page is fetched', async () => {
    const core = coreWithBackups(450)
    const backups = new BackupsState(core)
    await backups.reload()
    expect(backups.total).toBe(450)
    expect(backups.rowAt(0)?.backupId).toBe('backup-0')
    expect(backups.rowAt(PAGE_SIZE - 1)?.backupId).toBe(`backup-${PAGE_SIZE - 1}`)
    expect(backups.rowAt(PAGE_SIZE)).toBeUndefined()
  })

  test('ensureRange fetches only the pages the rows fall in, once, even when asked again while it loads', async () => {
    const core = coreWithBackups(2 * PAGE_SIZE + 50)
    const backups = new BackupsState(core)
    await backups.reload()
    backups.ensureRange(PAGE_SIZE - 10, PAGE_SIZE + 60)
    backups.ensureRange(PAGE_SIZE - 5, PAGE_SIZE + 65)
    await settle()
    expect(core.callsOf('backup/list').map((input) => input.offset)).toEqual([0, PAGE_SIZE])
    expect(backups.rowAt(PAGE_SIZE + 50)?.backupId).toBe(`backup-${PAGE_SIZE + 50}`)
    expect(backups.rowAt(2 * PAGE_SIZE)).toBeUndefined()
  })

  test('ensureRange stops at the last row: no page past the total is asked for', async () => {
    const core = coreWithBackups(PAGE_SIZE + 50)
    const backups = new BackupsState(core)
    await backups.reload()
    backups.ensureRange(0, 10_000)
    await settle()
    expect(core.callsOf('backup/list').map((input) => input.offset)).toEqual([0, PAGE_SIZE])
  })

  test('a row re-renders when its page arrives: rowAt is reactive without any counter', async () => {
    const core = coreWithBackups(450)
    const backups = new BackupsState(core)
    await backups.reload()
    const seen: (string | undefined)[] = []
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(backups.rowAt(300)?.backupId)
      })
    })
    flushSync()
    backups.ensureRange(300, 300)
    await settle()
    flushSync()
    stop()
    expect(seen).toEqual([undefined, 'backup-300'])
  })
})

describe('BackupsState queries', () => {
  test('the query carries only the filters that are set, with the search trimmed', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    backups.setFilter('status', 'CREATING')
    backups.setFilter('search', '  nightly ')
    await settle()
    const last = core.callsOf('backup/list').at(-1)
    expect(last).toEqual({ status: 'CREATING', search: 'nightly', sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: PAGE_SIZE })
  })

  test('choosing a project clears a chosen cluster of another project', async () => {
    const core = coreWithBackups(3)
    core.answer('backup/filter-options', () => success({ clusters: [ORDERS], projects: [] }))
    const backups = new BackupsState(core, { rowsPainted: () => Promise.resolve() })
    await backups.needOptions()
    backups.setFilter('clusterId', 'in01-orders')
    backups.setFilter('projectId', 'proj-2')
    await settle()
    expect(backups.filters.clusterId).toBe('')
    expect(core.callsOf('backup/list').at(-1)).toMatchObject({ projectId: 'proj-2' })
    expect(core.callsOf('backup/list').at(-1)).not.toHaveProperty('clusterId')
  })

  test('setting a filter to the value it has asks nothing', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    backups.setFilter('status', '')
    await settle()
    expect(core.callsOf('backup/list')).toEqual([])
  })

  test('the list query changes with the sort, so the table scrolls back to the top', () => {
    const backups = new BackupsState(coreWithBackups(0))
    const before = backups.listQuery
    backups.toggleSort('backupName')
    expect(backups.listQuery).not.toBe(before)
    expect(backups.listQuery.sort).toEqual({ by: 'backupName', dir: 'asc' })
    backups.toggleSort('backupName')
    expect(backups.listQuery.sort).toEqual({ by: 'backupName', dir: 'desc' })
  })
})

describe('BackupsState stale answers', () => {
  test('an answer that arrives after a newer query is dropped: the rows are the newer query’s', async () => {
    const core = coreWithBackups(0)
    const held = [deferred<undefined>(), deferred<undefined>()]
    let asked = 0
    core.answer('backup/list', async (input: BackupListInput) => {
      const turn = asked++
      await held[turn]?.promise
      return success({ total: 1, items: [backup(turn, { status: input.status ?? 'AVAILABLE' })] })
    })
    const backups = new BackupsState(core)
    const first = backups.reload()
    backups.setFilter('status', 'CREATING')
    held[1]?.resolve(undefined)
    await settle()
    held[0]?.resolve(undefined)
    await first
    await settle()
    expect(backups.rowAt(0)).toMatchObject({ backupId: 'backup-1', status: 'CREATING' })
    expect(backups.isLoading).toBe(false)
  })

  test('a page fetched for the old filters is not put into the new list', async () => {
    const core = coreWithBackups(450)
    const backups = new BackupsState(core)
    await backups.reload()
    const page = deferred<undefined>()
    const all = Array.from({ length: 450 }, (_, i) => backup(i))
    core.answer('backup/list', async (input) => {
      if ((input.offset ?? 0) > 0) await page.promise
      const matching = input.status === 'CREATING' ? [] : all
      return success({ total: matching.length, items: matching.slice(input.offset ?? 0, (input.offset ?? 0) + PAGE_SIZE) })
    })
    backups.ensureRange(250, 260)
    backups.setFilter('status', 'CREATING')
    await settle()
    page.resolve(undefined)
    await settle()
    expect(backups.total).toBe(0)
    expect(backups.rowAt(250)).toBeUndefined()
  })

  test('an error answer keeps the rows on screen and says what failed', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    await backups.reload()
    core.answer('backup/list', () => failure('store/failed', 'The cache could not be read.'))
    await backups.reload()
    expect(backups.error?.code).toBe('store/failed')
    expect(backups.rowAt(0)?.backupId).toBe('backup-0')
  })
})

describe('BackupsState visit', () => {
  test.each([
    ['a plain visit', {}],
    ['a notice\'s "Show backup" link', { search: 'backup-0001' }],
    ['a cluster\'s link', { cluster: 'in01-orders' }]
  ])('%s resolves once its first page is shown, not before (the shell\'s preload waits for it)', async (_, params) => {
    const { core, firstPage } = coreWithHeldFirstPage()
    const backups = new BackupsState(core, { rowsPainted: () => Promise.resolve() })
    let isIn = false
    void backups.visit(params).then(() => (isIn = true))
    await settle()
    expect(isIn).toBe(false)
    firstPage.resolve(undefined)
    await settle()
    expect(isIn).toBe(true)
    expect(backups.total).toBe(1)
  })
})

describe('BackupsState filter options', () => {
  test('are not read by a visit, nor by searches: a search typed first never waits behind them at the host', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core, { rowsPainted: () => Promise.resolve() })
    await backups.visit({})
    backups.setFilter('search', 'orders')
    backups.setFilter('status', 'AVAILABLE')
    await settle()
    expect(core.callsOf('backup/list')).toHaveLength(3)
    expect(core.callsOf('backup/filter-options')).toEqual([])
  })

  test('are read once however many need them, and say they are loading until they are in', async () => {
    const core = coreWithBackups(3)
    const answer = deferred<undefined>()
    core.answer('backup/filter-options', async () => {
      await answer.promise
      return success({ clusters: [ORDERS], projects: [] })
    })
    const backups = new BackupsState(core)
    const first = backups.needOptions()
    const second = backups.needOptions()
    await settle()
    expect(backups.isLoadingOptions).toBe(true)
    answer.resolve(undefined)
    await Promise.all([first, second])
    await backups.needOptions()
    expect(core.callsOf('backup/filter-options')).toHaveLength(1)
    expect(backups.isLoadingOptions).toBe(false)
    expect(backups.clusters).toEqual([ORDERS])
  })

  test('a visit to one cluster\'s backups reads them once its rows are painted: the cluster filter shows its name', async () => {
    const { core, firstPage } = coreWithHeldFirstPage()
    const painted = deferred<undefined>()
    const backups = new BackupsState(core, { rowsPainted: () => painted.promise })
    void backups.visit({ cluster: 'in01-orders' })
    await settle()
    firstPage.resolve(undefined)
    await settle()
    expect(backups.total).toBe(1)
    expect(core.callsOf('backup/filter-options')).toEqual([])
    painted.resolve(undefined)
    await settle()
    expect(core.callsOf('backup/filter-options')).toHaveLength(1)
    expect(core.calls.map((c) => c.name)).not.toContain('cluster/list')
  })

  test('answered while a search is on its way, are shown once its rows are in and painted, not before', async () => {
    const { core, firstPage } = coreWithHeldFirstPage()
    core.answer('backup/filter-options', () => success({ clusters: [ORDERS], projects: [] }))
    const painted = deferred<undefined>()
    const backups = new BackupsState(core, { rowsPainted: () => painted.promise })
    const options = backups.needOptions()
    backups.setFilter('search', 'orders')
    await settle()
    expect(core.callsOf('backup/filter-options')).toHaveLength(1)
    expect(backups.clusters).toEqual([])
    firstPage.resolve(undefined)
    await settle()
    expect(backups.total).toBe(1)
    expect(backups.clusters).toEqual([])
    painted.resolve(undefined)
    await options
    expect(backups.clusters).toEqual([ORDERS])
  })

  test('an error answer keeps the options already shown, and a first read that failed is asked again at the next need', async () => {
    const core = coreWithBackups(3)
    core.answer('backup/filter-options', () => failure('store/failed', 'The cache could not be read.'))
    const backups = new BackupsState(core)
    await backups.needOptions()
    expect(backups.isLoadingOptions).toBe(false)
    core.answer('backup/filter-options', () => success({ clusters: [ORDERS], projects: [] }))
    await backups.needOptions()
    expect(backups.clusters).toEqual([ORDERS])
    await backups.reload()
    core.answer('backup/filter-options', () => failure('store/failed', 'The cache could not be read.'))
    await backups.refresh()
    expect(core.callsOf('backup/filter-options')).toHaveLength(3)
    expect(backups.clusters).toEqual([ORDERS])
  })
})

describe('BackupsState events', () => {
  test('watch() reads the same view again when a sync finishes, until it is unsubscribed', async () => {
    const core = coreWithBackups(3)
    const backups = new BackupsState(core)
    backups.setFilter('status', 'AVAILABLE')
    await settle()
    const stop = backups.watch()
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(core.callsOf('backup/list')).toHaveLength(2)
    expect(core.callsOf('backup/list').at(-1)).toMatchObject({ status: 'AVAILABLE' })
    stop()
    expect(core.listenerCount).toBe(0)
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(core.callsOf('backup/list')).toHaveLength(2)
  })

  test('nothing is subscribed before watch(): constructing the state has no side effect', () => {
    const core = coreWithBackups(3)
    new BackupsState(core)
    expect(core.listenerCount).toBe(0)
    expect(core.calls).toEqual([])
  })
})
