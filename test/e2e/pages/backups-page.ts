import { expect, type Locator, type Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The backup list: filters, the virtual table, row actions and their dialogs. */
export class BackupsPage {
  readonly table: Locator
  readonly search: Locator
  readonly method: Locator
  readonly count: Locator

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Backups' })
    this.search = page.getByLabel('Search backups')
    this.method = page.getByLabel('Method')
    this.count = page.getByTestId('backup-count')
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/backups`)
    await this.page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor()
  }

  /** Body rows (the header row is excluded). */
  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') })
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name, exact: true }) })
  }

  async chooseAction(backupName: string, action: 'Restore cluster…' | 'Restore collection…' | 'Export…' | 'Delete…'): Promise<void> {
    await this.page.getByRole('button', { name: `Actions for backup ${backupName}`, exact: true }).click()
    await this.page.getByRole('menuitem', { name: action }).click()
  }

  /**
   * Waits until every row on screen shows each text: after a filter changes, the rows of the previous answer stay
   * until the new one arrives, so one matching row does not yet mean the filters are applied.
   */
  async expectEveryRowToShow(...texts: string[]): Promise<void> {
    await expect
      .poll(async () => {
        const rows = await this.rows().allTextContents()
        return rows.length > 0 && rows.every((row) => texts.every((text) => row.includes(text)))
      })
      .toBe(true)
  }

  /** The name of the first body row's backup. */
  async firstBackupName(): Promise<string> {
    return (await this.rows().first().getByRole('cell').first().textContent())?.trim() ?? ''
  }
}
