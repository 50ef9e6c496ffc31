import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The Templates section and its editor dialog. */
export class TemplatesPage {
  readonly heading: Locator
  readonly newTemplate: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Templates' })
    this.newTemplate = page.getByRole('button', { name: 'New template' })
    this.dialog = page.getByRole('dialog')
  }

  /** Waits for the active organization too: the screen mounts afresh once it is known, closing nothing but starting over. */
  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/templates`)
    await this.page.getByRole('button', { name: /^Organization: / }).waitFor()
    await this.heading.waitFor()
  }

  card(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true })
  }

  /** In the open editor dialog. */
  weekday(name: string): Locator {
    return this.dialog.getByRole('button', { name, exact: true })
  }

  get nameField(): Locator {
    return this.dialog.getByLabel('Name', { exact: true })
  }

  get retentionField(): Locator {
    return this.dialog.getByLabel('Retention (days)', { exact: true })
  }
}
