import { expect, type Locator, type Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The fleet: clusters grouped by project. */
export class FleetPage {
  readonly heading: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Fleet' })
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/fleet`)
  }

  project(projectName: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${projectName}\\b`) })
  }

  row(clusterName: string): Locator {
    return this.page.getByTestId('cluster-row').filter({ has: this.page.getByRole('link', { name: clusterName, exact: true }) })
  }

  clusterLink(clusterName: string): Locator {
    return this.page.getByRole('link', { name: clusterName, exact: true })
  }

  /** The row's selection checkbox ("Select <cluster name>"). */
  checkbox(clusterName: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${clusterName}`, exact: true })
  }

  get actionBar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Selected clusters' })
  }

  /**
   * Presses Import policies… and hands the browser's file picker a policy file. The screens mount afresh once the
   * active organization is known: the button is pressed after that, so a dialog it opens returns focus to it.
   */
  async importPolicyFile(name: string, text: string): Promise<void> {
    await this.page.getByRole('button', { name: /^Organization: / }).waitFor()
    const button = this.page.getByRole('button', { name: 'Import policies…' })
    await expect(button).toBeEnabled()
    const choosing = this.page.waitForEvent('filechooser')
    await button.click()
    await (await choosing).setFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text, 'utf8') })
  }

  async openCluster(clusterName: string): Promise<void> {
    await this.clusterLink(clusterName).click()
    await this.page.getByRole('heading', { level: 1, name: clusterName }).waitFor()
  }
}
