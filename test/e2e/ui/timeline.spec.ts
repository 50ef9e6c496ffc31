import { test, expect } from '../fixtures.ts'
import { screenshotPath } from '../pages/timeline-page.ts'
import { type DemoConnection, connectDemoEmulator, disconnectDemo } from '../pages/fleet-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'

let demo: DemoConnection | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectDemoEmulator(request, 'Timeline e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectDemo(request, demo)
})

test.use({ timezoneId: 'Europe/Berlin' })

test('lists the next 7 days of windows and expiries by local day, local time and UTC', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.days.first()).toBeVisible()
  await expect(timeline.entries.filter({ hasText: 'Backup window of orders-prod' }).first()).toContainText('UTC')
  await expect(timeline.entries.filter({ hasText: /_backup\d+ of / }).first()).toBeVisible()

  await timeline.filter('Windows').check()
  await expect(timeline.entries.filter({ hasText: /_backup\d+ of / })).toHaveCount(0)
  await timeline.filter('Expiries').check()
  await expect(timeline.entries.filter({ hasText: 'Backup window of' })).toHaveCount(0)
})

test('takes screenshots of the timeline, light and dark', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1360, height: 1000 })
    const timeline = new TimelinePage(page)
    await timeline.open()
    await expect(timeline.days.first()).toBeVisible()
    await page.screenshot({ path: screenshotPath(`timeline-${scheme}.png`) })
  }
})
