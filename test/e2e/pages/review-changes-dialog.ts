import type { Locator, Page } from '@playwright/test'

/** The "Review changes" dialog of a fleet plan (features/plans). */
export class ReviewChangesDialog {
  readonly root: Locator
  readonly summary: Locator
  readonly startsBackups: Locator
  /** The count of policy-lint findings on the plan's new policies, above the list. */
  readonly advice: Locator
  readonly saveAsDrafts: Locator
  readonly close: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Review changes' })
    this.summary = this.root.getByTestId('plan-summary')
    this.startsBackups = this.root.getByTestId('plan-starts-backups')
    this.advice = this.root.getByTestId('plan-advice')
    this.saveAsDrafts = this.root.getByRole('button', { name: 'Save as drafts' })
    this.close = this.root.getByRole('button', { name: 'Done', exact: true })
  }

  applyTo(count: number): Locator {
    return this.root.getByRole('button', { name: `Apply to ${count} ${count === 1 ? 'cluster' : 'clusters'}`, exact: true })
  }

  item(clusterName: string): Locator {
    return this.root.getByRole('listitem', { name: clusterName, exact: true })
  }

  /** One policy-lint finding of the item, by rule id (contract/policy-lint.ts). */
  finding(clusterName: string, ruleId: string): Locator {
    return this.item(clusterName).getByTestId('policy-lint').locator(`[data-rule="${ruleId}"]`)
  }

  verdict(clusterName: string): Locator {
    return this.item(clusterName).getByTestId('plan-verdict')
  }

  result(clusterName: string): Locator {
    return this.item(clusterName).getByTestId('plan-result')
  }
}
