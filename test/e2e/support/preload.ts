import { expect, type Page } from '@playwright/test'

/**
 * The chunks the page's preload fetches after the first screen has its answers (src-renderer/sections.ts,
 * PRELOAD_ORDER), by the start of their file names. It fetches them one after another, so once each has been
 * fetched none is still on its way.
 */
const PRELOADED = ['BackupsPage', 'ClusterDetails', 'DraftsPage', 'NotificationsPage', 'TimelinePage', 'TemplatesPage', 'SettingsPage', 'ExportPoliciesDialog', 'ReportsDialog', 'import-policies', 'plan-actions']

/**
 * Waits until the page has fetched every screen's code: a test that stops the host under an open page does it when no
 * fetch of the preload is under way, which the stop would cut (Chromium logs `ERR_CONNECTION_RESET`).
 */
export async function waitForPreload(page: Page): Promise<void> {
  const fetched = (): Promise<string[]> =>
    page.evaluate((names) => {
      const files = performance.getEntriesByType('resource').map((entry) => entry.name.replace(/^.*\/assets\//, ''))
      return names.filter((name) => !files.some((file) => file.startsWith(`${name}-`) && file.endsWith('.js')))
    }, PRELOADED)
  await expect.poll(fetched, { timeout: 10_000 }).toEqual([])
}
