import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

export const SECTION_NAMES = ['Fleet', 'Backups', 'Drafts', 'Notifications', 'Settings', 'Templates'] as const
export type SectionName = (typeof SECTION_NAMES)[number]

/** The app shell: navigation and the app/info footer. */
export class ShellPage {
  readonly navigation: Locator
  readonly version: Locator
  readonly runtime: Locator
  readonly dataDir: Locator

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Sections' })
    this.version = page.getByTestId('app-version')
    this.runtime = page.getByTestId('app-runtime')
    this.dataDir = page.getByTestId('app-data-dir')
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}`)
  }

  link(section: SectionName): Locator {
    return this.navigation.getByRole('link', { name: section, exact: true })
  }

  heading(section: SectionName): Locator {
    return this.page.getByRole('heading', { level: 1, name: section })
  }

  async visit(section: SectionName): Promise<void> {
    await this.link(section).click()
  }
}
