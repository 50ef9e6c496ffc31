import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
export type WeekdayName = (typeof WEEKDAY_NAMES)[number]

/** A cluster's details page with its policy editor. */
export class PolicyEditorPage {
  readonly form: Locator
  readonly enabled: Locator
  readonly windowStart: Locator
  readonly windowLocal: Locator
  readonly retention: Locator
  readonly saveDraft: Locator
  readonly applyNow: Locator
  readonly blockedReason: Locator
  readonly outcome: Locator
  readonly nextRuns: Locator
  readonly coverage: Locator
  readonly addCopy: Locator

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: /^Backup policy of / })
    this.enabled = page.getByRole('switch', { name: 'Enabled' })
    this.windowStart = page.getByLabel('Window start (UTC)')
    this.windowLocal = page.getByTestId('window-local')
    this.retention = page.getByLabel('Retention (days)', { exact: true })
    this.saveDraft = page.getByRole('button', { name: 'Save draft' })
    this.applyNow = page.getByRole('button', { name: 'Apply now' })
    this.blockedReason = page.getByTestId('blocked-reason')
    this.outcome = page.getByTestId('policy-outcome')
    this.nextRuns = page.getByTestId('next-runs').getByRole('listitem')
    this.coverage = page.getByTestId('coverage')
    this.addCopy = page.getByRole('button', { name: 'Add copy' })
  }

  async open(clusterId: string, baseUrl = '', token = E2E_TOKEN): Promise<void> {
    await this.page.goto(`${baseUrl}/?token=${token}#/fleet?cluster=${encodeURIComponent(clusterId)}`)
    await this.form.waitFor()
  }

  weekday(name: WeekdayName): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  /** The region picker of the n-th cross-region copy (1-based). */
  copyRegion(n: number): Locator {
    return this.page.getByRole('combobox', { name: `Region of copy ${n}` })
  }

  async setRetention(days: string): Promise<void> {
    await this.retention.fill(days)
  }
}
