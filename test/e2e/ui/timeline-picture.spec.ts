import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { setRemotePolicy } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc, syncWhenIdle } from '../support/rpc.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

let emulator: RunningEmulator | undefined
let connectionId = ''
let missedClusterId = ''
let windowStart = 0
let graceBefore = 120

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16)

/**
 * This run's missed window on its lane, once the keyboard has put it in the DOM (the lanes' canvas draws the marks;
 * the mark holding the tab stop is a link). The emulator mints the same cluster ids on every run and the ledger keeps
 * notices by cluster id, so an earlier run's missed window (a retry, --repeat-each) may share the lane: this one is
 * picked by its time.
 */
function missedMark(timeline: TimelinePage) {
  return timeline.lane('timeline-missed').getByRole('link', { name: new RegExp(`^Missed backup window · timeline-missed · .* ${hhmm(windowStart)} UTC`) })
}

/** From the lane's label, the arrow keys walk the lane's marks until this run's missed window holds the focus. */
async function focusMissedMark(timeline: TimelinePage): Promise<void> {
  const { page } = timeline
  await timeline.lane('timeline-missed').getByRole('link', { name: /^timeline-missed:/ }).focus()
  for (let step = 0; step < 8 && (await missedMark(timeline).count()) === 0; step++) await page.keyboard.press('ArrowRight')
  await expect(missedMark(timeline)).toBeFocused()
}
/** The API's weekday (1 = Monday … 7 = Sunday) of the UTC day containing `ms`. */
const apiWeekday = (ms: number): number => ((new Date(ms).getUTCDay() + 6) % 7) + 1

/*
 * A real missed window, raised by the core's watcher on the real clock (test/integration/schedule/missed-e2e.test.ts
 * explains the emulator rule used): the console enables a policy whose one-minute window opens at the next minute;
 * enabling starts an AUTO backup at once, and with 10-hour jobs it still runs when the window opens, so Zilliz skips
 * the window. With the grace set to 0, the first sync after the window's end proves it missed.
 */
test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(240_000)
  const request = await playwright.request.newContext({ baseURL })
  emulator = await startEmulator({ seed: 'empty', port: 0, jobDurationMs: 10 * HOUR })
  missedClusterId = emulator.createCluster({ clusterName: 'timeline-missed' }).clusterId
  emulator.createCluster({ clusterName: 'timeline-quiet' })
  graceBefore = (await rpc(request, 'settings/get', {})).missedGraceMinutes
  await rpc(request, 'settings/update', { missedGraceMinutes: 0 })
  windowStart = Math.ceil((Date.now() + 10_000) / MINUTE) * MINUTE
  await setRemotePolicy(emulator, missedClusterId, { enabled: true, frequency: String(apiWeekday(windowStart)), startTime: `${hhmm(windowStart)}-${hhmm(windowStart + MINUTE)}`, retentionDays: 7 })
  connectionId = (await rpc(request, 'connection/add', { name: 'Timeline picture e2e', baseUrl: emulator.url, apiKey: emulator.apiKey })).id
  await rpc(request, 'connection/activate', { id: connectionId })
  await syncWhenIdle(request, connectionId)
  // Wait on the clock for the window to end (a real window cannot be made to pass faster), then prove it missed.
  await expect.poll(() => Date.now(), { timeout: 150_000, intervals: [1000] }).toBeGreaterThan(windowStart + MINUTE + 1000)
  await syncWhenIdle(request, connectionId)
  await expect
    .poll(async () => (await rpc(request, 'notification/list', {})).some((n) => n.kind === 'missed' && n.clusterId === missedClusterId && n.severity === 'critical'), { timeout: 20_000 })
    .toBe(true)
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await rpc(request, 'settings/update', { missedGraceMinutes: graceBefore })
  if (connectionId !== '') await rpc(request, 'connection/remove', { id: connectionId, drafts: 'delete' })
  await emulator?.close()
  await request.dispose()
})

test.use({ timezoneId: 'Europe/Berlin' })

test('shows the missed window on its cluster\'s lane, and keyboard focus reads its details in local time and UTC', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.track('timeline-missed')).toHaveAttribute('data-kinds', /\bmissed\b/)
  await expect(timeline.track('timeline-quiet')).toHaveAttribute('data-drawn', '0')

  // From the lane's label, the arrow keys reach the mark (earlier runs' marks may come first: see missedMark).
  await focusMissedMark(timeline)
  await expect(missedMark(timeline)).toHaveAttribute('data-kind', 'missed')
  const utc = `${hhmm(windowStart)} UTC`
  await expect(timeline.live).toContainText(`Missed backup window · timeline-missed · `)
  await expect(timeline.live).toContainText(utc)
  await expect(timeline.live).toContainText('(UTC+01:00)')
  await expect(timeline.tooltip).toContainText('Missed backup window')

  // Times in UTC on demand: the same mark now leads with UTC.
  await page.getByLabel('Times in UTC').check()
  await focusMissedMark(timeline)
  await expect(timeline.live).toContainText(`${new Date(windowStart).toISOString().slice(0, 10)} ${utc} · `)
})

test('Enter on the missed window opens its cluster\'s details', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.open()
  await focusMissedMark(timeline)
  await page.keyboard.press('Enter')
  // The lane's connection is named: two connections may list the same cluster id (same-cluster-ids.spec.ts).
  await expect(page).toHaveURL(new RegExp(`#/fleet\\?cluster=${missedClusterId}&connection=[\\w-]+$`))
  await expect(page.getByRole('heading', { level: 1, name: 'timeline-missed' })).toBeVisible()
})

/** The visible range, read from the picture's caption with times in UTC. */
async function visibleRange(timeline: TimelinePage): Promise<{ fromMs: number; toMs: number }> {
  const text = (await timeline.range.textContent()) ?? ''
  const [from = '', to = ''] = text.split(' to ').map((part) => part.replace(' UTC', '').replace(' ', 'T') + ':00Z')
  return { fromMs: Date.parse(from), toMs: Date.parse(to) }
}

test('zoom and pan (axis arrow keys, buttons and drag) change the visible range', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.open()
  await page.getByLabel('Times in UTC').check()
  await expect(timeline.range).toContainText(' UTC to ')
  const initial = await visibleRange(timeline)
  expect(initial.toMs - initial.fromMs).toBe(21 * DAY)
  expect(Date.now() - initial.fromMs).toBeGreaterThan(13 * DAY)

  await timeline.zoom('7 days').check()
  await expect.poll(async () => { const r = await visibleRange(timeline); return r.toMs - r.fromMs }).toBe(7 * DAY)
  const week = await visibleRange(timeline)

  await timeline.axis.focus()
  await page.keyboard.press('ArrowRight')
  await expect.poll(async () => (await visibleRange(timeline)).fromMs).toBe(week.fromMs + DAY)
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect.poll(async () => (await visibleRange(timeline)).fromMs).toBe(week.fromMs - DAY)

  await page.getByRole('button', { name: 'Now', exact: true }).click()
  await expect.poll(async () => (await visibleRange(timeline)).fromMs).toBeGreaterThanOrEqual(week.fromMs)

  // Dragging the lanes to the left shows later time.
  const track = timeline.track('timeline-quiet')
  const box = await track.boundingBox()
  if (box === null) throw new Error('the lane has no track')
  const before = await visibleRange(timeline)
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 })
  await page.mouse.up()
  await expect.poll(async () => (await visibleRange(timeline)).fromMs).toBeGreaterThan(before.fromMs + DAY)

  await timeline.zoom('1 day').check()
  await expect.poll(async () => { const r = await visibleRange(timeline); return r.toMs - r.fromMs }).toBe(DAY)
})

test('hovering a drawn mark shows its details, and clicking it opens what the details name', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.open()
  await page.getByLabel('Times in UTC').check()
  await expect(timeline.range).toContainText(' UTC to ')
  const { fromMs, toMs } = await visibleRange(timeline)
  const box = await timeline.track('timeline-missed').boundingBox()
  if (box === null) throw new Error('the lane has no track')
  // Where this run's missed window is drawn. The AUTO backup that enabling started a minute earlier is drawn within a
  // pixel of it, so the pointer may be on either: a click opens the cluster (the window) or Backups (the backup).
  const x = box.x + ((windowStart - fromMs) / (toMs - fromMs)) * box.width
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await expect(timeline.tooltip).toContainText(/^(Missed backup window|Backup being created) · timeline-missed · /)
  await page.mouse.click(x, y)
  await expect(page).toHaveURL(new RegExp(`#/(fleet\\?cluster=${missedClusterId}&connection=[\\w-]+|backups\\?search=[\\w-]+&connection=[\\w-]+)$`))
})

test('takes screenshots of the timeline picture, light and dark', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1360, height: 900 })
    const timeline = new TimelinePage(page)
    await timeline.open()
    await focusMissedMark(timeline)
    await page.screenshot({ path: screenshotPath(`timeline-picture-${scheme}.png`) })
  }
})
