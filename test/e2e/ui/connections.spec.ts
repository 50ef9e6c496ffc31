import { test, expect } from '../fixtures.ts'
import { SettingsPage } from '../pages/settings-page.ts'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/index.ts'
import { rpc } from '../support/rpc.ts'

let emulator: RunningEmulator

test.beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo', port: 0 })
})

test.afterAll(async () => {
  await emulator.close()
})

test('refuses a bad URL and a bad API key with a clear message, read with the field it is about', async ({ page, request }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.fillConnection('Bad one', 'not a url', 'some-key-12345')
  await settings.saveButton.click()
  await expect(page.getByText('Enter a full URL, such as https://api.cloud.zilliz.com.')).toBeVisible()
  await expect(settings.baseUrl).toHaveAccessibleDescription('Enter a full URL, such as https://api.cloud.zilliz.com.')
  await expect(settings.baseUrl).toHaveAttribute('aria-invalid', 'true')
  // Where the key is kept, as the host keeps it: the shared host has a keychain only where a Secret Service runs.
  const { mode } = await rpc(request, 'keychain/status', {})
  await expect(settings.apiKey).toHaveAccessibleDescription(
    mode === 'keychain'
      ? 'Kept in the system keychain; Backup Desk never shows it again.'
      : 'Kept in memory for this session only (the system keychain is unavailable); Backup Desk never shows it again.'
  )

  await settings.baseUrl.fill(emulator.url)
  await settings.apiKey.fill('wrong-key-123456')
  await settings.testButton.click()
  await expect(settings.formError).toContainText('Zilliz Cloud refused the API key')
  await expect(settings.formError).toContainText('The apikey is illegal')

  // Saved, refused: the page does not keep the key, says so, and does not mark the emptied field as the admin's mistake.
  await settings.saveButton.click()
  await expect(settings.formError).toContainText('Zilliz Cloud refused the API key')
  await expect(settings.formError).toContainText('Paste the API key again to retry: Backup Desk does not keep it in the page.')
  await expect(settings.apiKey).toHaveValue('')
  await expect(settings.apiKey).not.toHaveAttribute('aria-invalid', 'true')
  expect((await rpc(request, 'connection/list', {})).map((c) => c.name)).not.toContain('Bad one')
})

test('tests, saves, renames and removes a connection without ever showing the key', async ({ page, request }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.fillConnection('E2E org', emulator.url, emulator.apiKey)
  await settings.testButton.click()
  await expect(page.getByText(/Connected: \d+ projects?, \d+ clusters?/)).toBeVisible()
  await settings.saveButton.click()

  const item = settings.connection('E2E org')
  await expect(item).toBeVisible()
  await expect(item.getByTestId('token-hint')).toHaveText(`••••${emulator.apiKey.slice(-4)}`)
  expect(await page.content()).not.toContain(emulator.apiKey)

  await item.getByRole('button', { name: 'Edit E2E org' }).click()
  await page.getByRole('form', { name: 'Edit E2E org' }).getByLabel('Name').fill('E2E org renamed')
  await page.getByRole('form', { name: 'Edit E2E org' }).getByLabel('Tag', { exact: true }).fill('staging')
  await page.getByRole('button', { name: 'Save changes' }).click()
  const renamed = settings.connection('E2E org renamed')
  await expect(renamed).toContainText('staging')

  await renamed.getByRole('button', { name: 'Remove E2E org renamed' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Remove connection' })
  await expect(dialog).toContainText('Nothing changes in Zilliz Cloud')
  await dialog.getByLabel('Delete them').check()
  await dialog.getByRole('button', { name: 'Remove connection' }).click()
  await expect(renamed).toHaveCount(0)
  const left = await rpc(request, 'connection/list', {})
  expect(left.map((c) => c.name)).not.toContain('E2E org renamed')
  // Its notices went with it: the bell counts what is left, without a reload.
  const { unread } = await rpc(request, 'notification/unread-count', {})
  await expect(page.getByRole('banner').getByRole('link', { name: unread > 0 ? `Notifications, ${String(unread)} unread` : 'Notifications', exact: true })).toBeVisible()
})
