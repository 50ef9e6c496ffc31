import type { Locator, Page } from '@playwright/test'

/** The "Review changes" dialog of a fleet plan (features/plans). */
export class ReviewChangesDialog {
  readonly root: Locator
  readonly summary: Locator
  readonly startsBackups: Locator
  readonly saveAsDrafts: Locator
  readonly close: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Review changes' })
    this.summary = this.root.getByTestId('plan-summary')
    this.startsBackups = this.root.getByTestId('plan-starts-backups')
    this.saveAsDrafts = this.root.getByRole('button', { name: 'Save as drafts' })
    this.close = this.root.getByRole('button', { name: 'Done', exact: true })
  }

  applyTo(count: number): Locator {
    return this.root.getByRole('button', { name: `Apply to ${count} ${count === 1 ? 'cluster' : 'clusters'}`, exact: true })
  }

  item(clusterName: string): Locator {
    return this.root.getByRole('listitem', { name: clusterName, exact: true })
  }

  verdict(clusterName: string): Locator {
    return this.item(clusterName).getByTestId('plan-verdict')
  }

  result(clusterName: string): Locator {
    return this.item(clusterName).getByTestId('plan-result')
  }
}
