import { join } from 'node:path'
import { test, type Locator, type Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The fleet timeline: the next 7 days by local day. */
export class TimelinePage {
  readonly heading: Locator
  readonly days: Locator
  readonly entries: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Timeline' })
    this.days = page.getByTestId('timeline-day')
    this.entries = page.getByTestId('timeline-entry')
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/timeline`)
    await this.heading.waitFor()
  }

  filter(name: 'Everything' | 'Windows' | 'Expiries'): Locator {
    return this.page.getByRole('radio', { name, exact: true })
  }
}

/** The repository root, from the project's test dir (test/e2e/ui); `import.meta` is not available to CJS-compiled specs. */
export function repoRoot(): string {
  return join(test.info().project.testDir, '../../..')
}

/**
 * Where a screen's screenshot goes: `docs/screenshots/<screen>-<light|dark>.png` when UPDATE_SCREENSHOTS is set
 * (`npm run screenshots` refreshes them all), else the test's own output folder, so a test run leaves the
 * committed pictures alone.
 */
export function screenshotPath(file: string): string {
  return process.env.UPDATE_SCREENSHOTS === undefined ? test.info().outputPath(file) : join(repoRoot(), 'docs/screenshots', file)
}
