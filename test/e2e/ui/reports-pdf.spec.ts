import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Reports e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

async function openReports(page: Page) {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.row('orders-prod')).toBeVisible()
  await page.getByRole('button', { name: 'Reports…' }).click()
  return page.getByRole('dialog', { name: 'Reports' })
}

/**
 * The page as the desktop app's would see it: `app/info` answers `runtime: 'electron'` (the only thing the
 * renderer reads to offer "Save as PDF…"); every other command still goes to the real host.
 */
async function asDesktopApp(page: Page): Promise<void> {
  await page.route('**/rpc/app/info', async (route) => {
    const response = await route.fetch()
    const envelope = (await response.json()) as { ok: boolean; value: Record<string, unknown> }
    await route.fulfill({ response, json: { ...envelope, value: { ...envelope.value, runtime: 'electron' } } })
  })
}

test('the browser host offers no "Save as PDF…"; its printable page prints dark on white in light and dark mode, rows kept whole', async ({ page, browser }) => {
  const dialog = await openReports(page)
  await expect(dialog.getByRole('button', { name: 'Save printable report' })).toBeEnabled()
  await expect(dialog.getByRole('button', { name: 'Save as PDF…' })).toHaveCount(0)
  await expect(dialog).toContainText('open it and print it')
  const download = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Save printable report' }).click()
  const html = readFileSync(await (await download).path(), 'utf8')

  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme })
    const report = await context.newPage()
    // javaScriptEnabled stays on: the page has no script, and nothing here needs one to run.
    await report.setContent(html)
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('Backup compliance report — Reports e2e')
    await expect(report.getByRole('row').filter({ hasText: 'orders-prod' })).toHaveCount(1)
    await report.emulateMedia({ media: 'print' })
    const printed = await report.evaluate(() => {
      const body = getComputedStyle(document.body)
      const row = document.querySelector('tbody tr')
      return { color: body.color, background: body.backgroundColor, rowBreak: row === null ? null : getComputedStyle(row).breakInside }
    })
    expect(printed, colorScheme).toEqual({ color: 'rgb(27, 31, 36)', background: 'rgba(0, 0, 0, 0)', rowBreak: 'avoid' })
    await report.emulateMedia({ media: 'screen' })
    const screenBackground = await report.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(screenBackground, colorScheme).toBe(colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgba(0, 0, 0, 0)')
    await context.close()
  }

  // The PDF the desktop app makes: Electron's printToPDF is the same DevTools call (Page.printToPDF), here with the
  // options of src-main/electron/pdf-export.ts (A4, landscape, backgrounds): every page a landscape A4 one.
  const context = await browser.newContext()
  const report = await context.newPage()
  await report.setContent(html)
  const pdf = (await report.pdf({ format: 'A4', landscape: true, printBackground: true })).toString('latin1')
  expect(pdf.startsWith('%PDF-')).toBe(true)
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))])
  expect(boxes.length).toBeGreaterThan(0)
  expect(boxes.filter(([width, height]) => width !== 843 || height !== 596)).toEqual([])
  await context.close()
})

test('in the desktop app "Save as PDF…" sends the period and scope, and the host\'s refusal shows in the dialog as a clear message', async ({ page }) => {
  await asDesktopApp(page)
  const sent: unknown[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/report/compliance-pdf')) sent.push(request.postDataJSON())
  })
  const dialog = await openReports(page)
  await expect(dialog).toContainText('Save as PDF prints the report on A4 pages')
  await dialog.getByRole('button', { name: 'Last 7 days' }).click()
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
  // This host has no printer: the real answer is its refusal, shown where the admin looks, the dialog still open.
  await expect(dialog.getByRole('alert')).toContainText('Saving a PDF is only available in the desktop app')
  await expect(dialog.getByRole('button', { name: 'Save as PDF…' })).toBeEnabled()
  expect(sent).toHaveLength(1)
  expect(Object.keys(sent[0] as object).sort()).toEqual(['from', 'to'])
})

test('in the desktop app a cancelled save dialog is no error, and a saved PDF closes the dialog with where it went', async ({ page }) => {
  await asDesktopApp(page)
  let answer: { saved: boolean; path: string | null } = { saved: false, path: null }
  // Main's answers (no Electron here): cancelled, then saved. The renderer's handling of each is what is tested.
  await page.route('**/rpc/report/compliance-pdf', (route) => route.fulfill({ json: { ok: true, value: answer } }))
  const dialog = await openReports(page)
  const answered = page.waitForResponse('**/rpc/report/compliance-pdf')
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
  await answered
  // The button is back (busy is over) in the same update that would show an error.
  await expect(dialog.getByRole('button', { name: 'Save as PDF…' })).toBeEnabled()
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await expect(dialog).toBeVisible()

  answer = { saved: true, path: '/home/admin/compliance-reports-e2e.pdf' }
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('toast').filter({ hasText: 'Report saved' })).toContainText('Saved to /home/admin/compliance-reports-e2e.pdf.')
})
