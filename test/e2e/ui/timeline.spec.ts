import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { coreCallsSent } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Timeline e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test.use({ timezoneId: 'Europe/Berlin' })

test('lists the next 7 days of windows and expiries by local day, local time and UTC', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.openList()
  await expect(timeline.days.first()).toBeVisible()
  await expect(timeline.entries.filter({ hasText: 'Backup window of orders-prod' }).first()).toContainText('UTC')
  await expect(timeline.entries.filter({ hasText: /_backup\d+ of / }).first()).toBeVisible()

  await timeline.filter('Windows').check()
  await expect(timeline.entries.filter({ hasText: /_backup\d+ of / })).toHaveCount(0)
  await timeline.filter('Expiries').check()
  await expect(timeline.entries.filter({ hasText: 'Backup window of' })).toHaveCount(0)
})

test('marks an expiring backup that is its cluster\'s newest, without reading the fleet or the backup list', async ({ page }) => {
  const asked = coreCallsSent(page)
  const timeline = new TimelinePage(page)
  await timeline.openList()
  await timeline.filter('Expiries').check()
  const newest = timeline.entries.filter({ hasText: "the cluster's newest backup" })
  await expect(newest.first()).toContainText('Newest expires')
  await expect(timeline.entries.filter({ hasText: 'Expires' }).filter({ hasNotText: 'Newest' }).first()).toBeVisible()
  expect(asked).toContain('schedule/expiring')
  expect(asked.filter((command) => command === 'cluster/list' || command === 'backup/list')).toEqual([])
})

test('opened from the Fleet, the picture asks for its code before its first lanes', async ({ page }) => {
  // The preload (sections.ts) may fetch the Timeline's code before the visit does: held at its first part (Backups'
  // code, never answered here), it leaves the code to the visit.
  await page.route(/\/assets\/BackupsPage-[^/]+\.js$/, () => undefined)
  // The order is read where the page asks, not where the browser sends: two requests started in one task may leave
  // the browser in either order (seen once in fifteen runs), which is the browser's doing, not the page's.
  await page.addInitScript(() => {
    const asked: string[] = []
    Object.assign(window, { askedInOrder: asked })
    const append = Object.getOwnPropertyDescriptor(Node.prototype, 'appendChild')?.value as (this: Node, node: Node) => Node
    Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
      if (node instanceof HTMLLinkElement && /\/assets\/TimelinePage-[^/]+\.js$/.test(node.href)) asked.push('code')
      return append.call(this, node) as T
    }
    const send = window.fetch.bind(window)
    window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = input instanceof Request ? input.url : String(input)
      if (new URL(url, location.href).pathname === '/rpc/timeline/lanes') asked.push('lanes')
      return send(input, init)
    }
  })
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  await page.getByRole('link', { name: 'Timeline', exact: true }).click()
  const timeline = new TimelinePage(page)
  await expect(timeline.lanes.first()).toBeVisible()
  // The host answers one request at a time: a read asked for first would hold back the code for as long as it takes.
  const asked = await page.evaluate(() => (window as unknown as { askedInOrder: string[] }).askedInOrder)
  expect(asked.slice(0, 2)).toEqual(['code', 'lanes'])
})

test('takes screenshots of the timeline, light and dark', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1360, height: 1000 })
    const timeline = new TimelinePage(page)
    await timeline.openList()
    await expect(timeline.days.first()).toBeVisible()
    await page.screenshot({ path: screenshotPath(`timeline-${scheme}.png`) })
  }
})
