import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The notification centre. */
export class NotificationsPage {
  readonly list: Locator
  readonly items: Locator
  readonly unreadOnly: Locator
  readonly markAllRead: Locator
  readonly summary: Locator

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Notifications' })
    this.items = this.list.getByTestId('notification')
    this.unreadOnly = page.getByLabel('Unread only')
    this.markAllRead = page.getByRole('button', { name: 'Mark all read' })
    this.summary = page.getByRole('main').getByRole('status').first()
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/notifications`)
    await this.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor()
  }
}
