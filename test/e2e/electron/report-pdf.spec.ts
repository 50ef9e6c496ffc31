import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FleetPage } from '../pages/fleet-page.ts'
import { expect, test } from './electron-app.ts'

test('Reports → "Save as PDF…" prints the compliance report in main and saves a PDF where the save dialog points', async ({ launched }) => {
  const { app, page, dataDir } = launched
  const target = join(dataDir, 'compliance-demo.pdf')
  // The platform dialog cannot be clicked by Playwright: main's dialog answers with the target instead.
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath })
  }, target)
  await page.getByRole('button', { name: 'Try the demo organization' }).click()
  await expect(new FleetPage(page).row('orders-prod')).toBeVisible()

  await page.getByRole('button', { name: 'Reports…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reports' })
  await expect(dialog.getByRole('button', { name: 'Save as PDF…' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
  await expect(page.getByTestId('toast').filter({ hasText: 'Report saved' })).toContainText(target)
  await expect(dialog).toHaveCount(0)

  expect(existsSync(target)).toBe(true)
  expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  // The hidden print window is gone: only the app's window is left.
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
})

test('Reports → "Save as PDF…" with the save dialog cancelled keeps the dialog open with no error', async ({ launched }) => {
  const { app, page } = launched
  await app.evaluate(({ dialog }) => {
    dialog.showSaveDialog = () => Promise.resolve({ canceled: true, filePath: '' })
  })
  await page.getByRole('button', { name: 'Try the demo organization' }).click()
  await page.getByRole('button', { name: 'Reports…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reports' })
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
  await expect(dialog.getByRole('button', { name: 'Save as PDF…' })).toBeEnabled()
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
})
