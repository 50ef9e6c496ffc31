import type { Locator, Page } from '@playwright/test'
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
