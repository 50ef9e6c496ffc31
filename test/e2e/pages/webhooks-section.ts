import type { Locator, Page } from '@playwright/test'

/** Settings → Webhook destinations. */
export class WebhooksSection {
  readonly section: Locator
  readonly list: Locator

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Webhook destinations' })
    this.list = this.section.getByRole('list', { name: 'Webhook destinations' })
  }

  async add(d: { name: string; receiver: 'Slack' | 'Microsoft Teams' | 'Generic JSON'; url: string; prefix?: string; onlyKinds?: string[] }): Promise<void> {
    await this.section.getByRole('button', { name: 'Add destination' }).click()
    const form = this.section.getByRole('form', { name: 'Add a webhook destination' })
    await form.getByLabel('Destination name').fill(d.name)
    await form.getByLabel('Receiver').selectOption({ label: d.receiver })
    await form.getByLabel('Webhook URL').fill(d.url)
    if (d.prefix !== undefined) await form.getByLabel('Title prefix').fill(d.prefix)
    if (d.onlyKinds !== undefined) {
      for (const box of await form.getByRole('group', { name: 'Notices to send' }).getByRole('checkbox').all()) {
        const label = (await box.evaluate((el) => el.parentElement?.textContent ?? '')).trim()
        await box.setChecked(d.onlyKinds.includes(label))
      }
    }
    await form.getByRole('button', { name: 'Add destination' }).click()
  }

  item(name: string): Locator {
    return this.list.getByRole('listitem', { name })
  }
}
