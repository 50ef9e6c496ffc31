import { test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'

test('says it is offline and keeps showing cached backups when the API is unreachable', async ({ page, request }) => {
  const connected = await connectEmulator(request, 'Offline e2e')
  try {
    const backups = new BackupsPage(page)
    await backups.open()
    await expect(backups.rows().first()).toBeVisible()
    await connected.emulator.close()

    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect(page.getByTestId('offline-indicator')).toContainText(/Offline — showing cached data from \d\d:\d\d/)
    await expect(page.getByTestId('toast').filter({ hasText: 'Zilliz Cloud cannot be reached. Check the network and try again.' })).toBeVisible()
    await expect(backups.rows().first()).toBeVisible()
  } finally {
    await disconnectEmulator(request, connected)
  }
})
