import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'

/*
 * The first screen's read is sent by the page's first script, before the app's entry has run (first-screen.ts), and
 * the screen takes its answer instead of asking again (early-reads.ts).
 */

const DAY = 86_400_000
let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'First screen e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

/** The bodies of the page's `timeline/lanes` requests, in the order sent. */
function lanesReads(page: Page): string[] {
  const bodies: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/rpc/timeline/lanes') bodies.push(request.postData() ?? '')
  })
  return bodies
}

test('a window opened on the Timeline reads its first lanes once: the picture takes the answer the first script asked for', async ({ page }) => {
  const reads = lanesReads(page)
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.lanes.first()).toBeVisible()
  // Once the first lanes are drawn the picture asks for the margins around the view: a wider range, a read of its own.
  await expect.poll(() => reads.length).toBeGreaterThanOrEqual(2)
  const asked = reads.map((body) => JSON.parse(body) as { from: string; to: string; offset: number })
  const span = (read: { from: string; to: string }): number => Date.parse(read.to) - Date.parse(read.from)
  // The view alone (21 days) was asked for once, by the first script; an own read of the picture would be a second.
  expect(asked.filter((read) => read.offset === 0 && span(read) === 21 * DAY)).toHaveLength(1)
  expect(asked[0]).toMatchObject({ offset: 0, limit: 25 })
  expect(span(asked[1] ?? asked[0] ?? { from: '', to: '' })).toBeGreaterThan(21 * DAY)
})

test('a window opened on the Timeline’s list or on another screen sends no early lanes read', async ({ page }) => {
  const reads = lanesReads(page)
  const timeline = new TimelinePage(page)
  await timeline.openList()
  await expect(timeline.days.first()).toBeVisible()
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.heading).toBeVisible()
  expect(reads).toEqual([])
})
