import { test, expect } from '../fixtures.ts'
import { SettingsPage } from '../pages/settings-page.ts'

test('validates the notification settings and saves valid ones', async ({ page }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  const stuck = settings.setting('Stuck after (hours)')
  await stuck.fill('0')
  await expect(page.getByText('Enter a whole number of hours from 1 to 168.')).toBeVisible()
  await expect(stuck).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('button', { name: 'Save notification settings' })).toBeDisabled()

  await stuck.fill('8')
  await page.getByLabel('Hold notices during quiet hours (local time)').check()
  await page.getByLabel('From').fill('23:00')
  await page.getByLabel('Until').fill('23:00')
  await expect(page.getByText('Quiet hours must not start and end at the same time.')).toBeVisible()
  await page.getByLabel('Until').fill('06:30')
  await page.getByRole('button', { name: 'Save notification settings' }).click()
  await expect(page.getByTestId('toast').filter({ hasText: 'Notification settings saved' })).toBeVisible()

  await page.reload()
  await expect(settings.setting('Stuck after (hours)')).toHaveValue('8')
  await expect(page.getByLabel('Until')).toHaveValue('06:30')
})

test('shows what is running in About', async ({ page }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  const about = page.getByRole('region', { name: 'About' })
  await expect(about).toContainText('Browser host')
  await expect(about).toContainText(process.env.E2E_DATA_DIR ?? '')
})

test('switches a notice kind off and on, kept across a reload', async ({ page }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  const save = page.getByRole('button', { name: 'Save notification settings' })
  const expiring = page.getByRole('group', { name: 'Show these notices' }).getByLabel('Expiring backups')
  await expect(expiring).toBeChecked()
  await expiring.uncheck()
  await save.click()
  await expect(page.getByTestId('toast').filter({ hasText: 'Notification settings saved' }).first()).toBeVisible()

  await page.reload()
  const reloaded = page.getByRole('group', { name: 'Show these notices' })
  await expect(reloaded.getByLabel('Expiring backups')).not.toBeChecked()
  await expect(reloaded.getByLabel('Missed backups')).toBeChecked()
  await reloaded.getByLabel('Expiring backups').check()
  await save.click()
  await page.reload()
  await expect(page.getByRole('group', { name: 'Show these notices' }).getByLabel('Expiring backups')).toBeChecked()
})
