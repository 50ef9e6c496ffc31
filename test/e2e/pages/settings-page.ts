import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** Settings: connections, notification settings, about. */
export class SettingsPage {
  readonly addButton: Locator
  readonly name: Locator
  readonly region: Locator
  readonly baseUrl: Locator
  readonly apiKey: Locator
  readonly testButton: Locator
  readonly saveButton: Locator
  readonly formError: Locator
  readonly connections: Locator

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('button', { name: 'Add connection' })
    this.name = page.getByLabel('Name', { exact: true })
    this.region = page.getByLabel('Zilliz Cloud region')
    this.baseUrl = page.getByLabel('Base URL')
    this.apiKey = page.getByLabel('API key', { exact: true })
    this.testButton = page.getByRole('button', { name: 'Test connection' })
    this.saveButton = page.getByRole('button', { name: 'Save connection' })
    this.formError = page.getByRole('form', { name: 'Add a connection' }).getByRole('alert')
    this.connections = page.getByRole('list', { name: 'Saved connections' })
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/settings`)
    await this.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
  }

  async fillConnection(name: string, url: string, key: string): Promise<void> {
    await this.addButton.click()
    await this.name.fill(name)
    await this.region.selectOption('custom')
    await this.baseUrl.fill(url)
    await this.apiKey.fill(key)
  }

  connection(name: string): Locator {
    return this.connections.getByRole('listitem', { name })
  }

  setting(label: string): Locator {
    return this.page.getByLabel(label)
  }
}
