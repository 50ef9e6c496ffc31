import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect } from '../fixtures.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { NotificationsPage } from '../pages/notifications-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc, syncWhenIdle } from '../support/rpc.ts'
import type { BackupPolicy } from '#contract/models/policy'

const DEMO = 'Demo scope e2e'
const OTHER = 'Other scope e2e'
let demo: ConnectedEmulator
let other: ConnectedEmulator

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  other = await connectEmulator(request, OTHER, 'large:4:2')
  demo = await connectEmulator(request, DEMO)
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await disconnectEmulator(request, demo)
  await disconnectEmulator(request, other)
  await request.dispose()
})

async function clusterWithPolicy(request: APIRequestContext, connectionId: string): Promise<{ clusterId: string; clusterName: string; policy: BackupPolicy }> {
  const clusters = await rpc(request, 'cluster/list', { connectionId })
  const found = clusters.find((c) => c.policy?.enabled === true)
  if (found?.policy == null) throw new Error('the seed has no cluster with an enabled policy')
  return { clusterId: found.clusterId, clusterName: found.clusterName, policy: found.policy }
}

function scopeRadio(page: Page, name: 'This organization' | 'All organizations') {
  return page.getByRole('radiogroup', { name: 'Organizations shown' }).getByRole('radio', { name: new RegExp(`^${name}`) })
}

test('each draft names its organization; the scope switch shows this organization first and all of them on demand, and is remembered', async ({ page, request }) => {
  const mine = await clusterWithPolicy(request, demo.connectionId)
  const theirs = await clusterWithPolicy(request, other.connectionId)
  await rpc(request, 'draft/save', { clusterId: mine.clusterId, connectionId: demo.connectionId, policy: { ...mine.policy, retentionDays: mine.policy.retentionDays === 5 ? 6 : 5 } })
  await rpc(request, 'draft/save', { clusterId: theirs.clusterId, connectionId: other.connectionId, policy: { ...theirs.policy, retentionDays: theirs.policy.retentionDays === 5 ? 6 : 5 } })

  const drafts = new DraftsPage(page)
  await drafts.open()
  await expect(scopeRadio(page, 'This organization')).toBeChecked()
  await expect(drafts.card(mine.clusterName).getByTestId('draft-organization')).toContainText(DEMO)
  await expect(drafts.card(theirs.clusterName)).toHaveCount(0)
  await expect(page.getByTestId('scope-hidden')).toHaveText(/^\d+ more in other organizations$/)

  await scopeRadio(page, 'All organizations').check()
  await expect(drafts.card(theirs.clusterName).getByTestId('draft-organization')).toContainText(OTHER)
  await expect(drafts.card(mine.clusterName)).toBeVisible()
  await page.screenshot({ path: screenshotPath('drafts-all-organizations.png'), fullPage: true })

  await page.reload()
  await drafts.heading.waitFor()
  await expect(scopeRadio(page, 'All organizations')).toBeChecked()
  await expect(drafts.card(theirs.clusterName)).toBeVisible()
})

test('each notice names its organization and the scope switch filters them by keyboard', async ({ page, request }) => {
  // A window opening in ten minutes on the other organization's cluster raises an "upcoming" notice there.
  const theirs = await clusterWithPolicy(request, other.connectionId)
  const at = new Date(Date.now() + 10 * 60_000)
  const hhmm = (d: Date): string => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
  const startTime = `${hhmm(at)}-${hhmm(new Date(at.getTime() + 2 * 3_600_000))}`
  await rpc(request, 'policy/apply', { clusterId: theirs.clusterId, connectionId: other.connectionId, policy: { ...theirs.policy, frequency: '1,2,3,4,5,6,7', startTime } })
  await syncWhenIdle(request, other.connectionId)
  await expect
    .poll(async () => (await rpc(request, 'notification/list', { limit: 1000 })).some((n) => n.organization?.connectionId === other.connectionId))
    .toBe(true)

  const centre = new NotificationsPage(page)
  await centre.open()
  await expect(centre.items.first()).toBeVisible()
  await expect(centre.items.getByTestId('notice-organization').filter({ hasText: DEMO }).first()).toBeVisible()
  await expect(centre.items.filter({ hasText: OTHER })).toHaveCount(0)

  await scopeRadio(page, 'This organization').focus()
  await page.keyboard.press('ArrowRight')
  await expect(scopeRadio(page, 'All organizations')).toBeChecked()
  await expect(centre.items.getByTestId('notice-organization').filter({ hasText: OTHER }).first()).toBeVisible()
  await expect(centre.items.getByTestId('notice-organization').filter({ hasText: DEMO }).first()).toBeVisible()
  await page.screenshot({ path: screenshotPath('notifications-all-organizations.png') })
})

test('each timeline entry names its organization; "this organization" leaves the other one out', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.openList()
  await expect(timeline.entries.first()).toBeVisible()
  await expect(timeline.entries.filter({ hasText: DEMO }).first()).toBeVisible()
  await expect(timeline.entries.filter({ hasText: OTHER })).toHaveCount(0)

  await scopeRadio(page, 'All organizations').check()
  await expect(timeline.entries.filter({ hasText: OTHER }).first()).toBeVisible()
  await expect(timeline.entries.filter({ hasText: DEMO }).first()).toBeVisible()
  await page.screenshot({ path: screenshotPath('timeline-all-organizations.png') })
})
