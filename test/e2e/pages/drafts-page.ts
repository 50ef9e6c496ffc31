import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The Drafts screen. */
export class DraftsPage {
  readonly heading: Locator
  readonly pushSelected: Locator
  readonly cards: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Drafts' })
    this.pushSelected = page.getByRole('button', { name: /^Push selected/ })
    this.cards = page.getByTestId('draft-card')
  }

  async open(baseUrl = '', token = E2E_TOKEN): Promise<void> {
    await this.page.goto(`${baseUrl}/?token=${token}#/drafts`)
    await this.heading.waitFor()
  }

  card(clusterName: string): Locator {
    return this.page.getByRole('article', { name: clusterName, exact: true })
  }

  state(clusterName: string): Locator {
    return this.card(clusterName).getByTestId('draft-state')
  }

  diffRow(clusterName: string, field: string): Locator {
    return this.card(clusterName).getByTestId('diff-row').filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) })
  }

  push(clusterName: string): Locator {
    return this.card(clusterName).getByRole('button', { name: `Push the draft for ${clusterName}` })
  }

  select(clusterName: string): Locator {
    return this.card(clusterName).getByRole('checkbox', { name: `Select the draft for ${clusterName}` })
  }

  /** A row of the three-way conflict view (base, remote now, mine) by field label. */
  mergeRow(clusterName: string, field: string): Locator {
    return this.card(clusterName).getByTestId('merge-row').filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) })
  }

  action(clusterName: string, name: 'Apply choices' | 'Take remote' | 'Edit'): Locator {
    return this.card(clusterName).getByRole(name === 'Edit' ? 'link' : 'button', { name, exact: true })
  }
}
