import type { Locator, Page } from '@playwright/test'
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

  /** The name of the first body row's backup. */
  async firstBackupName(): Promise<string> {
    return (await this.rows().first().getByRole('cell').first().textContent())?.trim() ?? ''
  }
}
