import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { scanAccessibility } from '../axe.ts'
import { test, expect } from '../fixtures.ts'
import { SettingsPage } from '../pages/settings-page.ts'
import { WebhooksSection } from '../pages/webhooks-section.ts'
import { rpc } from '../support/rpc.ts'

type Received = { path: string; body: unknown }

/** A loopback receiver standing in for Slack: answers the first request 500, the rest 200 "ok". */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body) as unknown })
      if (received.length === 1) res.writeHead(500).end('channel_is_archived')
      else res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${String(port)}/services/T0001/B0002/secretpart1234`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

test('adds a Slack destination, sends a test that shows the receiver answer, and lists it in the delivery log', async ({ page, request }) => {
  const receiver = await startReceiver()
  const settings = new SettingsPage(page)
  const webhooks = new WebhooksSection(page)
  await settings.open()
  await expect(webhooks.section).toContainText('backup-desk check')

  await webhooks.add({ name: 'Team channel', receiver: 'Slack', url: receiver.url, prefix: '[prod]' })
  const item = webhooks.item('Team channel')
  await expect(item).toContainText('Slack')
  await expect(item).toContainText('••••1234')
  await expect(item).not.toContainText('secretpart')

  await item.getByRole('button', { name: 'Send test' }).click()
  await expect(item.getByTestId('webhook-test-answer')).toContainText('Test not delivered. Receiver\'s answer: HTTP 500: channel_is_archived')
  await item.getByRole('button', { name: 'Send test' }).click()
  await expect(item.getByTestId('webhook-test-answer')).toContainText('Test delivered. Receiver\'s answer: HTTP 200: ok')
  expect(receiver.received).toHaveLength(2)
  expect(JSON.stringify(receiver.received[1]?.body)).toContain('[prod] Backup Desk test message')

  await item.getByRole('button', { name: 'Delivery log' }).click()
  const log = item.getByRole('table', { name: 'Delivery log of Team channel' })
  await expect(log.getByRole('row')).toHaveCount(3)
  await expect(log.getByRole('row').nth(1)).toContainText('Test delivered')
  await expect(log.getByRole('row').nth(1)).toContainText('200')
  await expect(log.getByRole('row').nth(2)).toContainText('Test failed')
  await expect(log.getByRole('row').nth(2)).toContainText('500')
  expect(await scanAccessibility(page)).toEqual([])
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await scanAccessibility(page)).toEqual([])
  await page.emulateMedia({ colorScheme: 'light' })

  // The page never received the URL: the API answers carry the hint only.
  const listed = await rpc(request, 'webhook/list', {})
  expect(JSON.stringify(listed)).not.toContain('secretpart')

  await item.getByRole('button', { name: 'Remove' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove destination' }).click()
  await expect(webhooks.section.getByText('No webhook destinations')).toBeVisible()
  await receiver.close()
})

test('refuses a plain-http URL off this computer with a clear message, by keyboard alone', async ({ page }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  const webhooks = new WebhooksSection(page)
  await webhooks.section.getByRole('button', { name: 'Add destination' }).focus()
  await page.keyboard.press('Enter')
  const form = webhooks.section.getByRole('form', { name: 'Add a webhook destination' })
  await form.getByLabel('One daily digest (fleet summary and the last 24 h)').check()
  expect(await scanAccessibility(page)).toEqual([])
  await form.getByLabel('Destination name').fill('Ops')
  await form.getByLabel('Webhook URL').fill('http://hooks.example.com/services/x')
  await form.getByLabel('Webhook URL').press('Enter')
  await expect(form.getByText('The webhook URL must start with https:// (http is allowed on this computer only).')).toBeVisible()
  await expect(form.getByLabel('Webhook URL')).toHaveAttribute('aria-invalid', 'true')
  await form.getByRole('button', { name: 'Cancel' }).click()
  await expect(webhooks.section.getByText('No webhook destinations')).toBeVisible()
})
