import type { Page } from '@playwright/test'
import { scanAccessibility } from '../axe.ts'
import { test, expect, E2E_TOKEN } from '../fixtures.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined
let clusterId = ''
let templateId = ''

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  demo = await connectEmulator(request, 'Accessibility e2e')
  const orders = await clusterByName(request, 'orders-prod')
  clusterId = orders.clusterId
  const policy = { enabled: true, frequency: '1,2,3,4,5', startTime: '01:00-03:00', retentionDays: 21 }
  templateId = (await rpc(request, 'template/save', { name: 'a11y-weekdays', policy })).id
  await rpc(request, 'template/assign', { templateId, clusterIds: [clusterId], connectionId: orders.connectionId })
  // Enabling analytics-staging's policy starts its first backup, which Jobs lists as "First backup of …".
  const analytics = await clusterByName(request, 'analytics-staging')
  await rpc(request, 'policy/apply', { clusterId: analytics.clusterId, connectionId: analytics.connectionId, policy: { enabled: true, frequency: '1,3,5', startTime: '06:00-08:00', retentionDays: 7 } })
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  if (templateId !== '') await rpc(request, 'template/delete', { id: templateId })
  await disconnectEmulator(request, demo)
  await request.dispose()
})

type Screen = { name: string; hash: string; ready: (page: Page) => Promise<void> }

const heading = (name: string) => async (page: Page) => {
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

/** Every screen of the app, plus the popovers and dialogs that open over them. */
const SCREENS: Screen[] = [
  { name: 'Fleet', hash: '#/fleet', ready: async (page) => page.getByTestId('cluster-row').first().waitFor() },
  { name: 'cluster details and policy editor', hash: '', ready: async (page) => page.getByRole('form', { name: /^Backup policy of / }).waitFor() },
  { name: 'Backups', hash: '#/backups', ready: async (page) => page.getByRole('table', { name: 'Backups' }).getByRole('row').nth(3).waitFor() },
  {
    name: 'backup row menu',
    hash: '#/backups',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Actions for backup/ }).first().click()
      await page.getByRole('menu').waitFor()
    }
  },
  {
    name: 'create backup dialog',
    hash: '#/backups',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Create backup' }).click()
      await page.getByRole('dialog').waitFor()
    }
  },
  { name: 'Drafts', hash: '#/drafts', ready: heading('Drafts') },
  { name: 'Notifications', hash: '#/notifications', ready: heading('Notifications') },
  { name: 'Timeline list', hash: '#/timeline?view=list', ready: async (page) => page.getByTestId('timeline-day').first().waitFor() },
  {
    name: 'Timeline picture',
    hash: '#/timeline',
    ready: async (page) => {
      const lane = page.getByTestId('timeline-lane').filter({ has: page.locator('[data-testid="timeline-track"][data-kinds~="auto"]') }).first()
      await lane.waitFor()
      // A mark with keyboard focus (reached from its lane's label) shows its tooltip, which is scanned too.
      await lane.getByRole('link').first().focus()
      await page.keyboard.press('ArrowRight')
      await lane.locator('a[data-kind]').waitFor()
      await page.getByTestId('timeline-tooltip').waitFor()
    }
  },
  { name: 'Templates', hash: '#/templates', ready: async (page) => page.getByRole('article', { name: 'a11y-weekdays' }).waitFor() },
  {
    name: 'review changes dialog',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).waitFor()
      await page.getByRole('checkbox', { name: 'Select all in Production' }).check()
      await page.getByRole('button', { name: 'Change policies…' }).click()
      await page.getByRole('dialog', { name: 'Change policies' }).getByLabel('Retention (days)').fill('12')
      await page.getByRole('button', { name: 'Review changes…' }).click()
      await page.getByRole('dialog', { name: 'Review changes' }).getByTestId('plan-item').first().waitFor()
    }
  },
  {
    name: 'change policies dialog',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).waitFor()
      await page.getByRole('checkbox', { name: 'Select orders-prod' }).check()
      await page.getByRole('button', { name: 'Change policies…' }).click()
      await page.getByRole('dialog', { name: 'Change policies' }).waitFor()
    }
  },
  {
    name: 'template editor dialog',
    hash: '#/templates',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Edit a11y-weekdays' }).click()
      await page.getByRole('dialog', { name: 'Edit template a11y-weekdays' }).waitFor()
    }
  },
  {
    name: 'notices naming their organization',
    hash: '#/notifications',
    ready: async (page) => page.getByTestId('notice-organization').first().waitFor()
  },
  {
    name: 'repeated notices expanded to each notice',
    hash: '#/notifications',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Show all \d+$/ }).first().click()
      await page.getByTestId('grouped-notice').first().waitFor()
    }
  },
  {
    name: 'restore collection dialog with the backup\'s collections',
    hash: '#/backups',
    ready: async (page) => {
      await page.getByRole('row').filter({ hasText: 'available' }).first().getByRole('button', { name: /^Actions for backup/ }).click()
      await page.getByRole('menuitem', { name: 'Restore collection…' }).click()
      await page.getByRole('dialog', { name: 'Restore collection' }).getByLabel('Collection in the backup').waitFor()
    }
  },
  {
    name: 'Timeline of all organizations',
    hash: '#/timeline?view=list',
    ready: async (page) => {
      await page.getByRole('radio', { name: 'All organizations' }).check()
      await page.getByTestId('timeline-organization').getByTestId('connection-tag').first().waitFor()
    }
  },
  { name: 'Settings', hash: '#/settings', ready: async (page) => page.getByRole('list', { name: 'Saved connections' }).waitFor() },
  {
    name: 'Reports dialog',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByTestId('cluster-row').first().waitFor()
      await page.getByRole('button', { name: 'Reports…' }).click()
      await page.getByRole('dialog', { name: 'Reports' }).waitFor()
    }
  },
  { name: 'Settings → Protection', hash: '#/settings', ready: async (page) => page.getByRole('button', { name: 'Save protection settings' }).waitFor() },
  {
    name: 'add connection form',
    hash: '#/settings',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Add connection' }).click()
      await page.getByRole('form', { name: 'Add a connection' }).waitFor()
    }
  },
  {
    name: 'Jobs popover',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Jobs/ }).click()
      await page.getByRole('region', { name: 'Jobs' }).waitFor()
    }
  },
  {
    name: 'Jobs popover with the first backup of an enabled policy',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Jobs/ }).click()
      await page.getByRole('region', { name: 'Jobs' }).getByTestId('job').filter({ hasText: 'First backup of analytics-staging' }).waitFor()
    }
  },
  {
    name: 'organization switcher',
    hash: '#/fleet',
    ready: async (page) => {
      await page.getByRole('button', { name: /^Organization: / }).click()
      await page.getByRole('menu', { name: 'Organizations' }).waitFor()
    }
  },
  {
    name: 'shortcuts dialog',
    hash: '#/fleet',
    ready: async (page) => {
      await heading('Fleet')(page)
      await page.keyboard.press('Shift+?')
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    }
  }
]

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme })

    for (const screen of SCREENS) {
      test(`${screen.name} has no WCAG 2.1 AA violations (axe-core)`, async ({ page }) => {
        const hash = screen.hash === '' ? `#/fleet?cluster=${encodeURIComponent(clusterId)}` : screen.hash
        await page.goto(`/?token=${E2E_TOKEN}${hash}`)
        await screen.ready(page)
        expect(await scanAccessibility(page)).toEqual([])
      })
    }
  })
}
