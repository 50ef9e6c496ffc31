import { test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'

// Keyboard and focus behaviour of issue #11; the fixtures fail each test on any console error, which is how
// the Esc case first showed up ("Cannot read properties of null (reading 'trigger')").
let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Keyboard e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test("Esc on a backup row's ⋯ menu closes it and returns focus to its button", async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  const name = await backups.firstBackupName()
  const trigger = page.getByRole('button', { name: `Actions for backup ${name}`, exact: true })
  await trigger.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menu')).toBeVisible()
  // The first action the backup allows: the demo's newest backup is at times one still CREATING, which can be
  // neither restored nor exported (RowActionsMenu focuses the first enabled item).
  await expect(page.getByRole('menuitem', { disabled: false }).first()).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(trigger).toBeFocused()
})

test("a dialog opened from a backup row's ⋯ menu gives focus back to that ⋯ button when Esc closes it", async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  const name = await backups.firstBackupName()
  const trigger = page.getByRole('button', { name: `Actions for backup ${name}`, exact: true })
  await trigger.focus()
  await page.keyboard.press('Enter')
  await page.getByRole('menuitem', { name: 'Delete…' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(trigger).toBeFocused()
})

test("a backup row's ⋯ button shows its whole focus outline: neither its cell nor the table's edge cuts it", async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  const name = await backups.firstBackupName()
  const trigger = page.getByRole('button', { name: `Actions for backup ${name}`, exact: true })
  await trigger.focus()
  // A keyboard focus, so :focus-visible draws the outline.
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  await expect(trigger).toBeFocused()
  const clipped = await trigger.evaluate((button) => {
    const style = getComputedStyle(button)
    const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth)
    const box = button.getBoundingClientRect()
    const outline = { left: box.left - reach, right: box.right + reach, top: box.top - reach, bottom: box.bottom + reach }
    const cut: string[] = []
    if (reach <= 0 || style.outlineStyle === 'none') cut.push('no outline drawn')
    for (let el = button.parentElement; el !== null; el = el.parentElement) {
      const overflow = getComputedStyle(el)
      if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue
      // What an element clips to: its padding box (inside its borders).
      const r = el.getBoundingClientRect()
      const inner = { left: r.left + el.clientLeft, top: r.top + el.clientTop, right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight }
      if (outline.left < inner.left || outline.right > inner.right || outline.top < inner.top || outline.bottom > inner.bottom) cut.push(el.className || el.tagName)
    }
    return cut
  })
  expect(clipped).toEqual([])
})

test('the Jobs popover closes on Esc (focus back on its button) and on a click outside it', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  const jobsButton = page.getByRole('button', { name: /^Jobs/ })
  const panel = page.getByRole('region', { name: 'Jobs' })
  await jobsButton.click()
  await expect(panel).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(jobsButton).toBeFocused()
  await expect(jobsButton).toHaveAttribute('aria-expanded', 'false')

  await page.keyboard.press('Alt+J')
  await expect(panel).toBeVisible()
  await panel.getByRole('heading', { name: 'Jobs' }).click()
  await expect(panel).toBeVisible()
  await backups.table.click({ position: { x: 10, y: 10 } })
  await expect(panel).toHaveCount(0)
})

test('Alt+J puts focus in the Jobs panel, and closing it (Alt+J again, or Esc) gives focus back to where it was', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  const search = page.locator('#backup-search')
  const panel = page.getByRole('region', { name: 'Jobs' })
  await search.focus()
  await page.keyboard.press('Alt+J')
  await expect(panel).toBeFocused()
  await page.keyboard.press('Alt+J')
  await expect(panel).toHaveCount(0)
  await expect(search).toBeFocused()

  await page.keyboard.press('Alt+J')
  await expect(panel).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(search).toBeFocused()
})

test('after Apply, focus moves to the outcome message', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  const editor = new PolicyEditorPage(page)
  await editor.open(search.clusterId)
  await editor.setRetention('12')
  await editor.applyNow.focus()
  await page.keyboard.press('Enter')
  await expect(editor.outcome).toContainText('Applied: Zilliz Cloud confirmed the new policy.')
  await expect(editor.outcome).toBeFocused()
  await expect(editor.applyNow).toBeDisabled()
})

test("the policy preview never lists today's window as the next run once it has started", async ({ page, request }) => {
  // Monday 2026-12-07, 03:00 UTC: inside a 02:00–04:00 window that runs every day.
  await page.clock.setFixedTime(new Date('2026-12-07T03:00:00Z'))
  const orders = await clusterByName(request, 'orders-prod')
  const editor = new PolicyEditorPage(page)
  await editor.open(orders.clusterId)
  await page.getByRole('button', { name: 'Every day' }).click()
  await editor.windowStart.selectOption('02:00')
  await expect(editor.nextRuns).toHaveCount(5)
  await expect(editor.nextRuns.first().locator('time')).toHaveAttribute('datetime', '2026-12-08T02:00:00.000Z')
  await expect(page.getByTestId('window-open')).toContainText('A window is open now, until')
})
