// npx tsx scripts/screenshots.ts [--no-build] [--only <name>,<name>]
// Every screen (or those named) in light and dark → docs/screenshots/<screen>-<light|dark>.png. Starts a demo emulator and a
// browser host of its own (on a temporary data dir), connects them through the contract, then drives Chromium.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { startEmulator } from '../src-main/emulator/index.ts'
import { hostRpc, startHostProcess } from './host-process.ts'

const root = resolve(import.meta.dirname, '..')
const outDir = join(root, 'docs/screenshots')
const TOKEN = 'screenshots-token'


type Rpc = (name: string, body: unknown) => Promise<unknown>
/** `setup` and `teardown` change the host around one shot (e.g. a longer expiring lead) and restore it. */
type Shot = {
  name: string
  hash: string
  ready: (page: Page) => Promise<void>
  setup?: (rpc: Rpc) => Promise<unknown>
  teardown?: (rpc: Rpc) => Promise<unknown>
  /** Opens something other than an app screen (a saved report) instead of `hash`. */
  open?: (page: Page, rpc: Rpc) => Promise<void>
  /** `print`: the page as it prints (its print stylesheet), like Chromium's print preview; default `screen`. */
  media?: 'print'
}

// With a 7-day expiring lead, orders-prod (daily backups kept 7 days) is offered "Keep a copy now".
const longExpiringLead = (rpc: Rpc): Promise<unknown> => rpc('settings/update', { expiringLeadHours: 7 * 24 })
const defaultExpiringLead = (rpc: Rpc): Promise<unknown> => rpc('settings/update', { expiringLeadHours: 24 })

const heading = (name: string) => async (page: Page) => {
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

/** Opens the row menu of the newest available cluster backup (not one still creating) and chooses `item`. */
async function chooseOnAvailableClusterBackup(page: Page, item: string): Promise<void> {
  await page.getByLabel('Status').selectOption('AVAILABLE')
  await page.getByLabel('Type').selectOption('CLUSTER')
  await page.getByRole('button', { name: 'Clear filters' }).first().waitFor()
  await page.getByTestId('backup-table').getByRole('row').nth(1).getByText('creating').waitFor({ state: 'detached' })
  await page.getByRole('button', { name: /^Actions for backup/ }).first().click()
  await page.getByRole('menuitem', { name: item }).click()
}

/** The last 30 days' compliance report, saved as the printable page and opened from its file. */
async function openPrintableReport(page: Page, rpc: Rpc): Promise<void> {
  const to = Date.now()
  const report = (await rpc('report/compliance', { from: new Date(to - 30 * 86_400_000).toISOString(), to: new Date(to).toISOString(), format: 'html' })) as { content: string }
  const file = join(mkdtempSync(join(tmpdir(), 'backup-desk-report-')), 'report.html')
  writeFileSync(file, report.content)
  await page.goto(pathToFileURL(file).href)
}

const SHOTS: Shot[] = [
  { name: 'fleet', hash: '#/fleet', ready: heading('Fleet') },
  {
    name: 'backups',
    hash: '#/backups',
    ready: async (page) => {
      await page.getByRole('row').nth(3).waitFor()
    }
  },
  {
    name: 'backup-delete-dialog',
    hash: '#/backups',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Actions for backup/ }).nth(1).click()
      await page.getByRole('menuitem', { name: 'Delete…' }).click()
      await page.getByRole('alertdialog').waitFor()
    }
  },
  {
    name: 'backup-restore-dialog',
    hash: '#/backups',
    ready: async (page) => {
      await chooseOnAvailableClusterBackup(page, 'Restore cluster…')
      await page.getByRole('dialog', { name: 'Restore cluster' }).waitFor()
    }
  },
  {
    name: 'backup-restore-collection-dialog',
    hash: '#/backups',
    ready: async (page) => {
      await chooseOnAvailableClusterBackup(page, 'Restore collection…')
      const dialog = page.getByRole('dialog', { name: 'Restore collection' })
      await dialog.getByLabel('Collection in the backup').selectOption({ index: 1 })
      await dialog.getByLabel('Destination collection').waitFor()
    }
  },
  { name: 'drafts', hash: '#/drafts', ready: heading('Drafts') },
  { name: 'notifications', hash: '#/notifications', ready: heading('Notifications') },
  {
    name: 'notifications-grouped',
    hash: '#/notifications',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Show all \d+$/ }).first().click()
      await page.getByTestId('grouped-notice').first().waitFor()
    }
  },
  { name: 'settings', hash: '#/settings', ready: async (page) => page.getByRole('list', { name: 'Saved connections' }).waitFor() },
  { name: 'timeline', hash: '#/timeline?view=list', ready: async (page) => page.getByTestId('timeline-day').first().waitFor() },
  { name: 'timeline-picture', hash: '#/timeline', ready: async (page) => page.locator('[data-testid="timeline-track"][data-kinds~="auto"]').first().waitFor() },
  {
    name: 'keep-copy-dialog',
    hash: '#/fleet',
    setup: longExpiringLead,
    teardown: defaultExpiringLead,
    ready: async (page) => {
      await page.getByRole('button', { name: 'Keep a copy of orders-prod now…' }).click()
      await page.getByRole('dialog', { name: 'Keep a copy now' }).waitFor()
    }
  },
  {
    name: 'cluster-protection',
    hash: '#/fleet',
    setup: longExpiringLead,
    teardown: defaultExpiringLead,
    ready: async (page) => {
      await page.getByRole('link', { name: 'orders-prod', exact: true }).click()
      await page.getByTestId('cluster-lint').waitFor()
      await page.getByTestId('keep-copy-offer').waitFor()
    }
  },
  {
    name: 'reports-dialog',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Reports…' }).click()
      await page.getByRole('dialog', { name: 'Reports' }).waitFor()
    }
  },
  {
    name: 'printable-report',
    hash: '',
    open: openPrintableReport,
    ready: async (page) => {
      await page.getByRole('table').waitFor()
    }
  },
  {
    name: 'printable-report-print',
    hash: '',
    media: 'print',
    open: openPrintableReport,
    ready: async (page) => {
      await page.getByRole('table').waitFor()
    }
  },
  {
    name: 'protection-settings',
    hash: '#/settings',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Save protection settings' }).waitFor()
      await page.getByRole('heading', { name: 'Protection' }).evaluate((h) => h.scrollIntoView({ block: 'start' }))
    }
  },
  {
    name: 'webhooks',
    hash: '#/settings',
    ready: async (page) => {
      const item = page.getByRole('listitem', { name: 'Team #backups' })
      await item.getByRole('button', { name: 'Send test' }).click()
      await item.getByTestId('webhook-test-answer').waitFor()
      await item.getByRole('button', { name: 'Delivery log' }).click()
      await item.getByRole('table').waitFor()
      await page.getByRole('heading', { name: 'Webhook destinations' }).evaluate((h) => h.scrollIntoView({ block: 'start' }))
    }
  },
  {
    name: 'webhook-add-form',
    hash: '#/settings',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Add destination' }).click()
      const form = page.getByRole('form', { name: 'Add a webhook destination' })
      await form.getByLabel('Destination name').fill('Ops on call')
      await form.getByLabel('Receiver').selectOption({ label: 'Microsoft Teams' })
      await form.getByLabel('One daily digest (fleet summary and the last 24 h)').check()
      await page.getByRole('heading', { name: 'Webhook destinations' }).evaluate((h) => h.scrollIntoView({ block: 'start' }))
    }
  },
  { name: 'templates', hash: '#/templates', ready: async (page) => page.getByRole('article', { name: 'prod-daily' }).waitFor() },
  {
    name: 'template-editor',
    hash: '#/templates',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Edit prod-daily' }).click()
      await page.getByRole('dialog', { name: 'Edit template prod-daily' }).waitFor()
    }
  },
  {
    name: 'fleet-selection',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).waitFor()
      await page.getByRole('checkbox', { name: 'Select all in Staging' }).check()
      await page.getByRole('toolbar', { name: 'Selected clusters' }).getByRole('button', { name: 'Apply template…' }).waitFor()
    }
  },
  {
    name: 'choose-template',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).waitFor()
      await page.getByRole('checkbox', { name: 'Select all in Staging' }).check()
      await page.getByRole('button', { name: 'Apply template…' }).click()
      await page.getByRole('radio', { name: /prod-daily/ }).waitFor()
    }
  },
  {
    name: 'change-policies',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).waitFor()
      await page.getByRole('checkbox', { name: 'Select all in Staging' }).check()
      await page.getByRole('button', { name: 'Change policies…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Change policies' })
      await dialog.getByLabel('Retention (days)').fill('45')
      await dialog.getByRole('button', { name: 'Review changes…' }).click()
      await dialog.getByText('Retention must be between 1 and 30 days.').waitFor()
    }
  },
  {
    name: 'review-changes',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).waitFor()
      await page.getByRole('checkbox', { name: 'Select all in Staging' }).check()
      await page.getByRole('button', { name: 'Apply template…' }).click()
      await page.getByRole('radio', { name: /prod-daily/ }).check()
      await page.getByRole('button', { name: 'Review changes…' }).click()
      await page.getByRole('dialog', { name: 'Review changes' }).getByTestId('plan-item').first().waitFor()
    }
  },
  {
    name: 'shortcuts',
    hash: '#/backups',
    ready: async (page) => {
      await page.getByRole('row').nth(3).waitFor()
      await page.keyboard.press('Shift+?')
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    }
  }
]

/** Two templates, one assigned to clusters of which one has drifted (search-prod keeps 14 days, Mon/Wed/Fri). */
async function addTemplates(base: string): Promise<void> {
  const clusters = (await hostRpc(base, TOKEN, 'cluster/list', {})) as { clusterId: string; clusterName: string }[]
  const ids = (names: string[]): string[] => clusters.filter((c) => names.includes(c.clusterName)).map((c) => c.clusterId)
  const daily = (await hostRpc(base, TOKEN, 'template/save', {
    name: 'prod-daily',
    policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '22:00-00:00', retentionDays: 21 }
  })) as { id: string }
  await hostRpc(base, TOKEN, 'template/assign', { templateId: daily.id, clusterIds: ids(['orders-prod', 'search-prod']) })
  await hostRpc(base, TOKEN, 'template/save', { name: 'staging-weekdays', policy: { enabled: true, frequency: '1,2,3,4,5', startTime: '02:00-04:00', retentionDays: 7 } })
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    // The project's one build (renderer, Electron and the Node entries): the compiled host this script starts
    // (out/node/host.mjs) is not electron-vite's, and a stale one answers new commands with "no such command".
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('build failed')
  }
  mkdirSync(outDir, { recursive: true })
  const onlyArg = process.argv.indexOf('--only')
  const only = onlyArg === -1 ? null : (process.argv[onlyArg + 1] ?? '').split(',')
  const emulator = await startEmulator({ seed: 'demo', port: 0 })
  // A loopback webhook receiver that answers like Slack, for the destinations screenshots.
  const receiver = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200).end('ok'))
  })
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done))
  const hookUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/services/T0001/B0002/demo0000demo`
  const port = 5400 + Math.floor(Math.random() * 400)
  const host = await startHostProcess({ port, token: TOKEN, dataDirPrefix: 'backup-desk-shots-' })
  const base = `http://127.0.0.1:${port}`
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
  try {
    await hostRpc(base, TOKEN, 'connection/add', { name: 'Acme production', baseUrl: emulator.url, apiKey: emulator.apiKey, tag: { label: 'prod', color: 'blue' } })
    await hostRpc(base, TOKEN, 'sync/run', {})
    await hostRpc(base, TOKEN, 'webhook/add', { name: 'Team #backups', kind: 'slack', url: hookUrl, prefix: '[prod]', kinds: ['missed', 'failed', 'stuck', 'expired'] })
    await hostRpc(base, TOKEN, 'webhook/add', { name: 'Morning digest', kind: 'teams', url: hookUrl, digestTime: '08:30' })
    await addTemplates(base)
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme })
      const page = await context.newPage()
      await page.emulateMedia({ colorScheme })
      await page.goto(`${base}/?token=${TOKEN}`)
      for (const shot of SHOTS.filter((s) => only === null || only.includes(s.name))) {
        const rpc: Rpc = (name, body) => hostRpc(base, TOKEN, name, body)
        await page.emulateMedia({ colorScheme, media: shot.media ?? 'screen' })
        await shot.setup?.(rpc)
        if (shot.open === undefined) await page.goto(`${base}/${shot.hash}`)
        else await shot.open(page, rpc)
        // A same-hash goto keeps the screen as it was: after a setup the screen must read the host afresh.
        if (shot.setup !== undefined) await page.reload()
        await shot.ready(page)
        await page.waitForTimeout(250)
        await page.screenshot({ path: join(outDir, `${shot.name}-${colorScheme}.png`) })
        await page.keyboard.press('Escape')
        await shot.teardown?.(rpc)
        process.stdout.write(`${shot.name}-${colorScheme}.png\n`)
      }
      await context.close()
    }
  } finally {
    await browser.close()
    host.child.kill('SIGTERM')
    await emulator.close()
    receiver.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
