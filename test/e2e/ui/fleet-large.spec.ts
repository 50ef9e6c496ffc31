import { startEmulator, type RunningEmulator } from '#emulator/index'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { coreCallsSent, rpc } from '../support/rpc.ts'

let emulator: RunningEmulator | undefined
let connectionId = ''

test.beforeAll(async ({ request }) => {
  emulator = await startEmulator({ seed: 'large:300:1', rateLimit: 100_000 })
  const connection = await rpc(request, 'connection/add', { name: 'Large fleet e2e', baseUrl: emulator.url, apiKey: emulator.apiKey })
  connectionId = connection.id
  await rpc(request, 'connection/activate', { id: connectionId })
  await rpc(request, 'sync/run', { connectionId })
})

test.afterAll(async ({ request }) => {
  if (connectionId !== '') await rpc(request, 'connection/remove', { id: connectionId, drafts: 'delete' })
  await emulator?.close()
})

test('draws only the clusters in view of a 300-cluster fleet, and scrolling brings the others', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.row('cluster-0001')).toBeVisible()
  await expect(fleet.project('Large Project A')).toContainText('100 clusters')
  const drawn = await page.getByTestId('cluster-row').count()
  expect(drawn).toBeGreaterThan(5)
  expect(drawn).toBeLessThan(60)
  await expect(fleet.row('cluster-0300')).toHaveCount(0)

  await page.getByTestId('fleet-list').evaluate((list) => list.scrollTo({ top: list.scrollHeight }))
  await expect(fleet.row('cluster-0300')).toBeVisible()
  await expect(fleet.row('cluster-0001')).toHaveCount(0)
})

/** How far down the list's box the first project's drawn rows reach, and where the list's box ends. */
async function rowsReach(page: Page): Promise<{ rowsBottom: number; listBottom: number }> {
  return page.getByTestId('fleet-list').evaluate((list) => {
    const rows = [...list.querySelectorAll('[data-testid="project-group"]:first-of-type [data-testid="cluster-row"]')]
    return { rowsBottom: Math.max(...rows.map((row) => row.getBoundingClientRect().bottom)), listBottom: list.getBoundingClientRect().bottom }
  })
}

test('draws the rows that fill the list when it first shows them, and more once the window grows taller', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 })
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.row('cluster-0001')).toBeVisible()
  const first = await rowsReach(page)
  expect(first.rowsBottom).toBeGreaterThanOrEqual(first.listBottom)

  // 700 px more list: more than the rows drawn beyond the bottom edge (the overscan) can fill.
  await page.setViewportSize({ width: 1280, height: 1300 })
  await expect.poll(async () => (await rowsReach(page)).listBottom).toBeGreaterThan(first.rowsBottom)
  await expect.poll(async () => {
    const taller = await rowsReach(page)
    return taller.rowsBottom >= taller.listBottom
  }).toBe(true)
})

test('walks the cluster links with the arrow keys, Home and End, across projects and rows not yet drawn', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.clusterLink('cluster-0001').focus()
  await page.keyboard.press('ArrowDown')
  // Project A holds clusters 1, 4, 7, …: the next one down is cluster-0004.
  await expect(fleet.clusterLink('cluster-0004')).toBeFocused()
  await page.keyboard.press('End')
  await expect(fleet.clusterLink('cluster-0300')).toBeFocused()
  await expect(fleet.clusterLink('cluster-0300')).toBeInViewport()
  await page.keyboard.press('ArrowUp')
  await expect(fleet.clusterLink('cluster-0297')).toBeFocused()
  await page.keyboard.press('Home')
  await expect(fleet.clusterLink('cluster-0001')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'cluster-0001' })).toBeVisible()
  await expect(page.getByText('CU ·')).toBeVisible()
})

/** Holds the whole list's answers (`cluster/list`) back until the returned function is called. */
async function holdWholeList(page: Page): Promise<() => void> {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/rpc/cluster/list', async (route) => {
    await released
    await route.continue()
  })
  return release
}

test('paints the first rows with every project at its full size and the whole fleet\'s summary before the whole list, which then takes over', async ({ page }) => {
  const sent = coreCallsSent(page)
  const release = await holdWholeList(page)
  const fleet = new FleetPage(page)
  await fleet.open()
  const list = page.getByTestId('fleet-list')
  await expect(fleet.row('cluster-0001')).toBeVisible()
  await expect(list).toHaveAttribute('aria-busy', 'true')
  await expect(fleet.project('Large Project C')).toContainText('100 clusters')
  const summary = (await page.getByTestId('fleet-summary').textContent()) ?? ''
  // Selecting everything waits for the whole list: the first rows are not all of it.
  const selectAll = page.getByRole('button', { name: 'Select all 300', exact: true })
  await expect(selectAll).toBeDisabled()
  await expect(page.getByRole('checkbox', { name: 'Select all in Large Project A' })).toBeDisabled()
  // End reaches the fleet's last cluster, not in yet: it takes the focus once drawn.
  await fleet.clusterLink('cluster-0001').focus()
  await page.keyboard.press('End')
  await expect(fleet.clusterLink('cluster-0300')).toHaveCount(0)

  release()
  await expect(list).toHaveAttribute('aria-busy', 'false')
  await expect(fleet.clusterLink('cluster-0300')).toBeFocused()
  await expect(page.getByTestId('fleet-summary')).toHaveText(summary)
  await expect(selectAll).toBeEnabled()
  // The first rows came with the page (the host's first paint, contract/first-paint.ts): the page read the whole list alone.
  expect(sent.filter((call) => call.startsWith('cluster/'))).toEqual(['cluster/list'])
})

test('a filter chosen while only the first rows are in shows no matches until the whole list is in, then all of them', async ({ page }) => {
  const sent = coreCallsSent(page)
  const release = await holdWholeList(page)
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.row('cluster-0001')).toBeVisible()
  // The summary's largest part (a 1-day seed has each cluster's backups of one class or another).
  const parts = page.locator('[data-testid^="fleet-summary-"]')
  const counts = (await parts.locator('strong').allTextContents()).map(Number)
  const largest = counts.indexOf(Math.max(...counts))
  await parts.nth(largest).click()
  // The first rows' own matches would read as all the fleet has: the list waits for the whole list, asked for now.
  await expect(page.getByText('Loading clusters…')).toBeVisible()
  await expect(page.getByTestId('cluster-row')).toHaveCount(0)
  await expect.poll(() => sent.includes('cluster/list')).toBe(true)

  release()
  await expect(page.getByTestId('fleet-list')).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByText('Loading clusters…')).toHaveCount(0)
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  expect(counts[largest]).toBeGreaterThan(0)
})
