import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { freePort } from '../support/free-port.ts'
import { HostProcess } from '../support/host-process.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'keys-e2e-token'
const OLD_KEY = 'old-key-aaaaaaaaaaaaaaaaaaaa1111'
const NEW_KEY = 'new-key-bbbbbbbbbbbbbbbbbbbb2222'

test.describe('API keys can be replaced and entered again', () => {
  test.describe.configure({ timeout: 120_000 })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.beforeEach(async () => {
    emulator = await startEmulator({ seed: 'demo', apiKeys: [OLD_KEY, NEW_KEY] })
    // No D-Bus session: the keychain is memory-only, as on a machine without a Secret Service.
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-keys-')), 'data'), {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'
    })
    await host.start()
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test('"Replace API key…" refuses a key Zilliz refuses, keeping the old one, and stores one it accepts', async ({ page, request }) => {
    const { url } = emulator!
    const added = await rpc(request, 'connection/add', { name: 'Keys e2e', baseUrl: url, apiKey: OLD_KEY }, host!.url, TOKEN)
    await page.goto(`${host!.url}/?token=${TOKEN}#/settings`)
    const row = page.getByRole('listitem', { name: 'Keys e2e' })
    await expect(row.getByTestId('token-hint')).toHaveText(added.tokenHint ?? '')

    await row.getByRole('button', { name: 'Replace API key of Keys e2e' }).click()
    const dialog = page.getByRole('dialog', { name: 'Replace the API key of Keys e2e' })
    await expect(dialog.getByLabel('API key')).toBeFocused()
    await dialog.getByLabel('API key').fill('wrong-key-cccccccccccccccc')
    await dialog.getByRole('button', { name: 'Check and store key' }).click()
    await expect(dialog.getByRole('alert')).toContainText('Zilliz Cloud refused this key, so nothing was stored.')
    const [kept] = await rpc(request, 'connection/list', {}, host!.url, TOKEN)
    expect(kept?.tokenHint).toBe(added.tokenHint)

    await dialog.getByLabel('API key').fill(NEW_KEY)
    await dialog.getByRole('button', { name: 'Check and store key' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('toast').filter({ hasText: 'New API key stored for Keys e2e' })).toBeVisible()
    await expect(row.getByTestId('token-hint')).toHaveText(`••••${NEW_KEY.slice(-4)}`)
    await expect(row.getByRole('button', { name: 'Replace API key of Keys e2e' })).toBeFocused()
  })

  test('after a restart in memory-only mode the key is gone: the row and the failed sync both offer "Enter key"', async ({ page, request }) => {
    const { url } = emulator!
    await rpc(request, 'connection/add', { name: 'Memory e2e', baseUrl: url, apiKey: OLD_KEY }, host!.url, TOKEN)
    await host!.stop()
    await host!.start()
    const [after] = await rpc(request, 'connection/list', {}, host!.url, TOKEN)
    expect(after?.hasToken).toBe(false)

    await page.goto(`${host!.url}/?token=${TOKEN}#/settings`)
    const row = page.getByRole('listitem', { name: 'Memory e2e' })
    await expect(row).toContainText('no key')
    await expect(row.getByTestId('token-hint')).toHaveText('missing')

    // Sync now fails for want of a key; the toast says so and offers the remedy.
    await page.getByRole('button', { name: 'Sync now' }).click()
    const toast = page.getByTestId('toast').filter({ hasText: 'Sync did not finish' })
    await expect(toast).toBeVisible()
    await toast.getByRole('button', { name: 'Enter key' }).click()
    const dialog = page.getByRole('dialog', { name: 'Enter the API key of Memory e2e' })
    await expect(dialog).toContainText('No key is stored for this connection')
    // Where the key will be kept, as it is: in memory, not in a keychain this host does not have.
    await expect(dialog.getByLabel('API key')).toHaveAccessibleDescription(
      'Kept in memory for this session only (the system keychain is unavailable); Backup Desk never shows it again.'
    )
    await dialog.getByLabel('API key').fill(OLD_KEY)
    await dialog.getByRole('button', { name: 'Check and store key' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(row.getByTestId('token-hint')).toHaveText(`••••${OLD_KEY.slice(-4)}`)
    await expect(row).not.toContainText('no key')
    await expect(row).not.toContainText('sync failed')
    await expect(row.getByRole('button', { name: 'Enter key for Memory e2e' })).toHaveCount(0)
  })

  test('the add form offers "Enter key" when Zilliz refuses the key, and clears and focuses the key field', async ({ page }) => {
    await page.goto(`${host!.url}/?token=${TOKEN}#/settings`)
    await page.getByRole('button', { name: 'Add connection' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Refused e2e')
    await page.getByLabel('Zilliz Cloud region').selectOption('custom')
    await page.getByLabel('Base URL').fill(emulator!.url)
    await page.getByLabel('API key').fill('refused-key-dddddddddddd')
    await page.getByRole('button', { name: 'Test connection' }).click()
    const alert = page.getByRole('form', { name: 'Add a connection' }).getByRole('alert')
    await expect(alert).toContainText('refused the API key')
    await alert.getByRole('button', { name: 'Enter key' }).click()
    await expect(page.getByLabel('API key')).toBeFocused()
    await expect(page.getByLabel('API key')).toHaveValue('')
  })
})
