import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The notification centre. */
export class NotificationsPage {
  readonly list: Locator
  readonly items: Locator
  /** The entries with the "New" badge: the badge's own text, not any text with "New" in it ("Newest backup …"). */
  readonly unread: Locator
  readonly unreadOnly: Locator
  readonly markAllRead: Locator
  readonly summary: Locator

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Notifications' })
    this.items = this.list.getByTestId('notification')
    this.unread = this.items.filter({ has: page.getByText('New', { exact: true }) })
    this.unreadOnly = page.getByLabel('Unread only')
    this.markAllRead = page.getByRole('button', { name: 'Mark all read' })
    this.summary = page.getByRole('main').getByRole('status').first()
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/notifications`)
    await this.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor()
  }
}
