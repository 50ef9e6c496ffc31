import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Policy files e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

type FileCluster = { id: string; name: string; policy: { enabled: boolean; retentionDays?: number } }

test('exports every cluster as a YAML policy file download, by keyboard', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  const button = page.getByRole('button', { name: 'Export policies…' })
  // The button is enabled once the fleet's clusters are listed.
  await expect(button).toBeEnabled()
  await button.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Export policies' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('radio', { name: /Every cluster \(5\)/ })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: /YAML policy file/ })).toBeChecked()
  await page.screenshot({ path: screenshotPath('export-policies-dialog.png') })
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('backup-policies.yaml')
  const file = parse(await readFile(await download.path(), 'utf8')) as { apiVersion: string; clusters: FileCluster[] }
  expect(file.apiVersion).toBe('backup-desk/v1')
  expect(file.clusters.map((c) => c.name).sort()).toEqual(['analytics-staging', 'catalog-staging', 'ml-features', 'orders-prod', 'search-prod'])
  expect(file.clusters.find((c) => c.name === 'search-prod')?.policy).toMatchObject({ enabled: true, retentionDays: 14 })
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Exported the policies of 5 clusters')).toBeVisible()
  await expect(button).toBeFocused()
})

test('exports Terraform with one resource per enabled cluster', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await page.getByRole('button', { name: 'Export policies…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export policies' })
  await dialog.getByRole('radio', { name: /Terraform/ }).check()
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('backup-policies.tf')
  const text = await readFile(await download.path(), 'utf8')
  expect(text.match(/^resource "zillizcloud_backup_policy"/gm)).toHaveLength(4)
  expect(text).toContain('id = "/clusters/')
})
