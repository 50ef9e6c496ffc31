import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { TemplatesPage } from '../pages/templates-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined
type TemplateItem = { id: string; name: string; policy: { retentionDays: number; frequency: string; startTime: string; enabled: boolean } }

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Templates e2e')
})

test.afterAll(async ({ request }) => {
  // Templates are stored for the whole app, not per connection: leave none behind for other specs.
  for (const template of await rpc(request, 'template/list', {})) {
    if (template.name.startsWith('tpl-e2e')) await rpc(request, 'template/delete', { id: template.id })
  }
  await disconnectEmulator(request, demo)
})

async function templateNamed(request: Parameters<typeof rpc>[0], name: string): Promise<TemplateItem | undefined> {
  return (await rpc(request, 'template/list', {})).find((t) => t.name === name)
}

test('Alt+7 opens Templates, and a template made from scratch is listed with its policy in words', async ({ page, request }) => {
  const templates = new TemplatesPage(page)
  await new FleetPage(page).open()
  // The screens mount afresh once the active organization is known: act after that, not on the first paint.
  await page.getByRole('button', { name: /^Organization: / }).waitFor()
  await page.keyboard.press('Alt+7')
  await expect(templates.heading).toBeVisible()

  await templates.newTemplate.click()
  await expect(templates.dialog.getByRole('heading', { name: 'New template' })).toBeVisible()
  await expect(templates.nameField).toBeFocused()
  await templates.nameField.fill('tpl-e2e-daily')
  await templates.weekday('Sunday').click()
  await templates.dialog.getByLabel('Window start (UTC)').selectOption('02:00')
  await templates.retentionField.fill('21')
  await templates.dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(templates.dialog).toBeHidden()

  await expect(templates.card('tpl-e2e-daily').getByTestId('template-policy')).toHaveText('Mon, Tue, Wed, Thu, Fri, Sat · 02:00–04:00 UTC · 21 days')
  await expect(templates.card('tpl-e2e-daily')).toContainText('Not assigned to any cluster')
  expect((await templateNamed(request, 'tpl-e2e-daily'))?.policy).toMatchObject({ enabled: true, frequency: '1,2,3,4,5,6', startTime: '02:00-04:00', retentionDays: 21 })
})

test('a bad retention or a taken name is said at the field and nothing is stored', async ({ page, request }) => {
  await rpc(request, 'template/save', { name: 'tpl-e2e-taken', policy: { enabled: false, frequency: '', startTime: '', retentionDays: 0 } })
  const templates = new TemplatesPage(page)
  await templates.open()
  await templates.newTemplate.click()
  await templates.nameField.fill('TPL-E2E-TAKEN')
  await templates.retentionField.fill('45')
  await templates.dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(templates.retentionField).toHaveAttribute('aria-invalid', 'true')
  await expect(templates.dialog).toBeVisible()

  await templates.retentionField.fill('14')
  await templates.dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(templates.nameField).toHaveAttribute('aria-invalid', 'true')
  await expect(templates.dialog.getByText('another template already has this name')).toBeVisible()
  const names = (await rpc(request, 'template/list', {})).map((t) => t.name.toLowerCase())
  expect(names.filter((n) => n === 'tpl-e2e-taken')).toHaveLength(1)
  await templates.dialog.getByRole('button', { name: 'Cancel' }).click()
})

test('renames and edits a template, and makes one from a cluster’s current policy', async ({ page, request }) => {
  await rpc(request, 'template/save', { name: 'tpl-e2e-old', policy: { enabled: true, frequency: '1,2,3', startTime: '01:00-03:00', retentionDays: 5 } })
  const templates = new TemplatesPage(page)
  await templates.open()
  await templates.card('tpl-e2e-old').getByRole('button', { name: 'Edit tpl-e2e-old' }).click()
  await expect(templates.retentionField).toHaveValue('5')
  await templates.nameField.fill('tpl-e2e-renamed')
  await templates.retentionField.fill('9')
  await templates.dialog.getByRole('button', { name: 'Save template' }).click()
  await expect(templates.card('tpl-e2e-renamed').getByTestId('template-policy')).toHaveText('Mon, Tue, Wed · 01:00–03:00 UTC · 9 days')
  await expect(templates.card('tpl-e2e-old')).toHaveCount(0)

  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.openCluster('search-prod')
  await page.getByRole('button', { name: 'Save as template…' }).click()
  await expect(templates.retentionField).toHaveValue('14')
  await templates.nameField.fill('tpl-e2e-from-search')
  await templates.dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(templates.dialog).toBeHidden()
  expect((await templateNamed(request, 'tpl-e2e-from-search'))?.policy).toMatchObject({ frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 14 })
})

test('deleting a template in use names its clusters first, and they keep their policies', async ({ page, request }) => {
  const saved = await rpc(request, 'template/save', { name: 'tpl-e2e-in-use', policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '00:00-02:00', retentionDays: 7 } })
  const orders = await clusterByName(request, 'orders-prod')
  const catalog = await clusterByName(request, 'catalog-staging')
  await rpc(request, 'template/assign', { templateId: saved.id, clusterIds: [orders.clusterId, catalog.clusterId], connectionId: orders.connectionId })

  const templates = new TemplatesPage(page)
  await templates.open()
  const card = templates.card('tpl-e2e-in-use')
  await expect(card.getByRole('list', { name: 'Clusters assigned to tpl-e2e-in-use' }).getByRole('link')).toHaveText(['catalog-staging', 'orders-prod'])
  await card.getByRole('button', { name: 'Delete tpl-e2e-in-use' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Delete template' })
  await expect(confirm).toContainText('It is assigned to 2 clusters: catalog-staging, orders-prod.')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(card).toBeVisible()

  await card.getByRole('button', { name: 'Delete tpl-e2e-in-use' }).click()
  await confirm.getByRole('button', { name: 'Delete template' }).click()
  await expect(card).toHaveCount(0)
  expect(await templateNamed(request, 'tpl-e2e-in-use')).toBeUndefined()
  const after = await clusterByName(request, 'orders-prod')
  expect(after).toMatchObject({ template: null })
})
