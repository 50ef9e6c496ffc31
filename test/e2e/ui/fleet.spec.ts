import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Fleet e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test.use({ timezoneId: 'Europe/Berlin' })

test('shows the clusters by project with plan, policy and health in words', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.heading).toBeVisible()
  const production = fleet.project('Production')
  await expect(production.getByRole('link', { name: 'orders-prod', exact: true })).toBeVisible()
  await expect(production.getByRole('link', { name: 'search-prod', exact: true })).toBeVisible()
  await expect(fleet.project('Staging').getByRole('link', { name: 'catalog-staging', exact: true })).toBeVisible()

  const search = fleet.row('search-prod')
  await expect(search).toContainText('Enterprise')
  await expect(search).toContainText('Mon, Wed, Fri · 22:00–00:00 UTC · 14 days')
  await expect(search).toContainText('UTC')
  // The local line's zone is cut off at 1,280 px: the cell's tooltip has the whole time, local with its zone and UTC.
  await expect(search.getByTestId('next-window')).toHaveAttribute('title', /^\w{3} \d{1,2} \w{3} (23|00):00 \(UTC\+0[12]:00\) · (\w{3} \d{1,2} \w{3} )?22:00 UTC$/)
  await expect(search.getByTestId('cluster-health')).toContainText(/OK|Warning|Failing/)

  const analytics = fleet.row('analytics-staging')
  await expect(analytics).toContainText('Disabled')
  await expect(analytics.getByTestId('cluster-health')).toContainText('Warning')
  await expect(analytics.getByTestId('cluster-health')).toContainText('Automatic backups are off')
})

test('a clamped Policy cell ends with its second line, so nothing of a third shows, at a narrow and a wide window', async ({ page }) => {
  const fleet = new FleetPage(page)
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 800 })
    await fleet.open()
    await expect(fleet.row('orders-prod')).toBeVisible()
    // Cells clip at their padding edge: a two-line cell must end where its second line does (8 px padding, 20 px lines).
    // Measured again until the rows are there (a read before the list is drawn finds no cells: it counts as too tall,
    // never as a pass).
    const cells = page.locator('[data-testid=cluster-row] :is(.policy, .reason)')
    const tallest = async (): Promise<number> => {
      const heights = await cells.evaluateAll((found) => found.map((el) => el.getBoundingClientRect().height))
      return heights.length > 2 ? Math.max(...heights) : Number.POSITIVE_INFINITY
    }
    await expect.poll(tallest, { message: `${width} px` }).toBeLessThanOrEqual(8 + 2 * 20)
  }
})

test('the Newest backup cell gives the RPO a line of its own, read whole with its "watched" qualifier at 1280 and 1440 px, light and dark', async ({ page }) => {
  const fleet = new FleetPage(page)
  for (const width of [1280, 1440]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width, height: 800 })
      await fleet.open()
      const rpo = fleet.row('orders-prod').getByTestId('cluster-protection')
      // The demo's clusters are watched for fewer than 30 days: the short form says so ("RPO 24 h over 6 d").
      await expect(rpo).toContainText(/^RPO \d+ \S+( \d+ \S+)? over \d+ d/)
      await expect(rpo.locator('.visually-hidden')).toHaveText(/^RPO \d+ \S+( \d+ \S+)? over the \d+ (d|h)( \d+ h)? watched$/)
      // No line is cut: each ends inside its cell (the line's scrolled width is its shown width).
      const cut = async (): Promise<string[]> =>
        page.getByTestId('cluster-protection').evaluateAll((lines) => lines.filter((line) => line.scrollWidth > line.clientWidth).map((line) => line.textContent))
      await expect.poll(cut, { message: `${width} px ${scheme}` }).toEqual([])
      // Nor would the longest the line can be: a gap of 29 d 23 h over 29 d 23 h watched (30 d in the short form), in the line's own font.
      const room = await rpo.evaluate((line) => {
        const context = document.createElement('canvas').getContext('2d')
        if (context === null) return Number.NEGATIVE_INFINITY
        context.font = getComputedStyle(line).font
        return line.clientWidth - context.measureText('RPO 29 d 23 h over 30 d').width
      })
      expect(room, `${width} px`).toBeGreaterThanOrEqual(0)
      await expect(fleet.row('orders-prod')).toContainText(/ago\s*· AUTO/)
      await page.screenshot({ path: screenshotPath(`fleet-rpo-${String(width)}-${scheme}.png`) })
    }
  }
})

test('says why Free and Serverless clusters have no backups', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.row('sandbox-free').getByTestId('unsupported-reason')).toHaveText("Free clusters can't be backed up — upgrade to Dedicated")
  await expect(fleet.row('events-serverless').getByTestId('unsupported-reason')).toHaveText("Serverless clusters can't be backed up — migrate to Dedicated")
})

test('opens a cluster with Enter or Space and shows its editor, backups and history', async ({ page, request }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.clusterLink('orders-prod').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'orders-prod' })).toBeVisible()
  const orders = await clusterByName(request, 'orders-prod')
  expect(page.url()).toContain(`#/fleet?cluster=${orders.clusterId}`)
  await expect(page.getByRole('form', { name: 'Backup policy of orders-prod' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Recent backups' })).toBeVisible()
  await expect(page.getByRole('link', { name: /backups of this cluster/ })).toHaveAttribute('href', `#/backups?cluster=${orders.clusterId}`)
  await expect(page.getByRole('heading', { name: 'Policy history' })).toBeVisible()

  await page.getByRole('link', { name: '← All clusters' }).click()
  await fleet.clusterLink('search-prod').focus()
  await page.keyboard.press('Space')
  await expect(page.getByRole('heading', { level: 1, name: 'search-prod' })).toBeVisible()
})

test('takes screenshots of the fleet and a cluster, light and dark', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1360, height: 1000 })
    const fleet = new FleetPage(page)
    await fleet.open()
    await expect(fleet.row('search-prod')).toBeVisible()
    await page.screenshot({ path: screenshotPath(`fleet-${scheme}.png`) })
    await page.goto(`/?token=e2e-session-token#/fleet?cluster=${search.clusterId}`)
    await expect(page.getByTestId('next-runs').getByRole('listitem')).toHaveCount(5)
    await page.screenshot({ path: screenshotPath(`cluster-details-${scheme}.png`) })
  }
})

test('the fleet summary counts the protection classes and each part filters the list', async ({ page, request }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  const summary = page.getByTestId('fleet-summary')
  await expect(summary).toBeVisible()
  const free = await clusterByName(request, 'sandbox-free')
  expect(free.protection.class).toBe('not-eligible')
  const notEligible = page.getByTestId('fleet-summary-not-eligible')
  await expect(notEligible).toContainText('not eligible')
  await notEligible.click()
  await expect(notEligible).toHaveAttribute('aria-pressed', 'true')
  await expect(fleet.row('sandbox-free')).toBeVisible()
  await expect(fleet.row('events-serverless')).toBeVisible()
  await expect(fleet.row('orders-prod')).toHaveCount(0)
  await expect(page.getByTestId('cluster-row')).toHaveCount(Number((await notEligible.locator('strong').textContent()) ?? '-1'))
  await page.getByRole('button', { name: 'Show all' }).click()
  await expect(fleet.row('orders-prod')).toBeVisible()
  await expect(fleet.row('orders-prod').getByTestId('cluster-protection')).toContainText(/RPO \d/)
})

test('the policy editor lints the form before Apply: no copy on production, then disabled on production', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  await page.goto(`/?token=e2e-session-token#/fleet?cluster=${search.clusterId}`)
  const lint = page.getByTestId('policy-lint')
  await expect(lint.locator('[data-rule="no-copy-on-prod"]')).toContainText('no cross-region copy')
  await page.getByRole('switch', { name: 'Enabled' }).uncheck()
  await expect(lint.locator('[data-rule="disabled-on-prod"]')).toContainText('Automatic backups are off on a production cluster')
  await expect(lint.locator('[data-rule="no-copy-on-prod"]')).toHaveCount(0)
})
