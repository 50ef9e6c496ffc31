import type { Locator, Page, Request } from '@playwright/test'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { setRemotePolicy } from '../support/emulator-connection.ts'
import { rpc, syncWhenIdle } from '../support/rpc.ts'

/*
 * The picture's keyboard focus is on a mark, not on a number: an answer that re-numbers a lane's marks (the margins'
 * read adds the older ones in front, a sync adds a new backup before the future windows) leaves the same mark focused
 * with its details. Each test reads its lane's marks count (`data-loaded`) to know the new answer is shown.
 */

const DAY = 86_400_000
const LANE = 'cluster-0001'

let emulator: RunningEmulator | undefined
let connectionId = ''

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  // Three clusters with 21 days of daily backups: the first read (the view, 14 days back) holds two weeks of them, the
  // margins' read another week in front. Jobs take a second, so a console backup is never refused for a running one.
  emulator = await startEmulator({ seed: 'large:3:22', port: 0, jobDurationMs: 1000 })
  connectionId = (await rpc(request, 'connection/add', { name: 'Timeline focus e2e', baseUrl: emulator.url, apiKey: emulator.apiKey })).id
  await rpc(request, 'connection/activate', { id: connectionId })
  await syncWhenIdle(request, connectionId)
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  if (connectionId !== '') await rpc(request, 'connection/remove', { id: connectionId, drafts: 'delete' })
  await emulator?.close()
  await request.dispose()
})

/** A `timeline/lanes` read wider than the default 21-day view: the margins' read (or a re-read of the same range). */
const isWideRead = (request: Request): boolean => {
  if (!request.url().endsWith('/rpc/timeline/lanes')) return false
  const input = request.postDataJSON() as { from: string; to: string }
  return Date.parse(input.to) - Date.parse(input.from) > 21 * DAY
}

/**
 * Waits until the lane shows the margins' answer: over the view alone (14 days back, 7 ahead) the lane has about 15
 * backups and 8 windows; with the margins (21 days more each side) 22 backups, 29 windows and the expiries.
 */
async function marginsShown(lane: Locator): Promise<void> {
  await expect.poll(async () => Number(await lane.getAttribute('data-loaded'))).toBeGreaterThan(30)
}

/** The id of the lane's cluster in the emulator's console. */
const laneClusterId = (): string => emulator?.state().clusters.find((c) => c.clusterName === LANE)?.clusterId ?? ''

/**
 * Opens the Timeline, waits for the lane's margins (so the only change to its marks is the one the test makes) and
 * focuses its last mark, a future window: the lane, how many marks it had then, and the focused window's label.
 */
async function focusLastWindow(page: Page): Promise<{ timeline: TimelinePage; lane: Locator; before: number; name: string }> {
  const timeline = new TimelinePage(page)
  await timeline.open()
  const lane = timeline.lane(LANE)
  await marginsShown(lane)
  const before = Number(await lane.getAttribute('data-loaded'))
  await lane.getByRole('link', { name: new RegExp(`^${LANE}:`) }).focus()
  await page.keyboard.press('End')
  const focused = page.locator(':focus')
  await expect(focused).toHaveAttribute('aria-label', /^Expected backup window · cluster-0001 · /)
  return { timeline, lane, before, name: (await focused.getAttribute('aria-label')) ?? '' }
}

test('a focused backup keeps the focus and its details when the margins\' answer re-numbers its lane\'s marks', async ({ page }) => {
  // The margins' read is held until a mark has the focus, so it always arrives after.
  let release = (): void => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/rpc/timeline/lanes', async (route) => {
    if (isWideRead(route.request())) await held
    await route.continue()
  })
  const timeline = new TimelinePage(page)
  await timeline.open()
  const lane = timeline.lane(LANE)
  await lane.getByRole('link', { name: new RegExp(`^${LANE}:`) }).focus()
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight')
  const focused = page.locator(':focus')
  await expect(focused).toHaveAttribute('aria-label', /^Automatic backup · cluster-0001 · /)
  const name = (await focused.getAttribute('aria-label')) ?? ''
  await expect(timeline.live).toHaveText(name)
  const before = Number(await lane.getAttribute('data-loaded'))

  release()
  await expect.poll(async () => Number(await lane.getAttribute('data-loaded'))).toBeGreaterThan(before)
  await expect(focused).toHaveAttribute('aria-label', name)
  await expect(lane.getByRole('link', { name })).toBeFocused()
  await expect(timeline.tooltip).toHaveText(name)
  await expect(timeline.live).toHaveText(name)
  // The keys go on from the same mark: the next one is the next day's backup.
  await page.keyboard.press('ArrowRight')
  await expect(focused).toHaveAttribute('aria-label', /^Automatic backup · cluster-0001 · /)
  await expect(focused).not.toHaveAttribute('aria-label', name)
})

test('a focused future window keeps the focus when a sync adds a backup before it on its lane', async ({ page, request }) => {
  const { timeline, lane, before, name } = await focusLastWindow(page)

  // A colleague backs the cluster up in the console; the next sync brings the backup in, marked now.
  const created = await fetch(`${emulator?.url ?? ''}/v2/clusters/${laneClusterId()}/backups/create`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator?.apiKey ?? ''}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ backupType: 'CLUSTER' })
  })
  expect(((await created.json()) as { code: number }).code).toBe(0)
  await syncWhenIdle(request, connectionId)
  await expect.poll(async () => Number(await lane.getAttribute('data-loaded'))).toBe(before + 1)
  await expect(lane.getByRole('link', { name })).toBeFocused()
  await expect(timeline.tooltip).toHaveText(name)
  await expect(timeline.live).toHaveText(name)
})

// Last: it turns the lane's policy off for the tests after it.
test('when the focused window is gone after a sync, the focus goes to its lane\'s nearest mark and reads it', async ({ page, request }) => {
  const { timeline, lane, before } = await focusLastWindow(page)

  // The console turns the policy off: the next sync's answer has no future windows on the lane.
  await setRemotePolicy(emulator ?? { url: '', apiKey: '' }, laneClusterId(), { enabled: false })
  await syncWhenIdle(request, connectionId)
  await expect.poll(async () => Number(await lane.getAttribute('data-loaded'))).toBeLessThan(before)
  const focused = lane.locator(':focus')
  await expect(focused).toHaveAttribute('aria-label', /^(Automatic backup|Manual backup|Backup being created) · cluster-0001 · /)
  await expect(timeline.live).toHaveText((await focused.getAttribute('aria-label')) ?? '')
})
