import type { Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'

/** The fleet timeline: the picture (lanes per cluster) and its accessible alternative, the next 7 days by local day. */
export class TimelinePage {
  readonly heading: Locator
  readonly days: Locator
  readonly entries: Locator
  readonly lanes: Locator
  readonly axis: Locator
  readonly range: Locator
  readonly live: Locator
  readonly tooltip: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Timeline' })
    this.days = page.getByTestId('timeline-day')
    this.entries = page.getByTestId('timeline-entry')
    this.lanes = page.getByTestId('timeline-lane')
    this.axis = page.getByTestId('timeline-axis')
    this.range = page.getByTestId('timeline-range')
    this.live = page.getByTestId('timeline-live')
    this.tooltip = page.getByTestId('timeline-tooltip')
  }

  /** The picture, the Timeline's default view. */
  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/timeline`)
    await this.heading.waitFor()
  }

  /** The day-by-day list. */
  async openList(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/timeline?view=list`)
    await this.heading.waitFor()
  }

  /** A cluster's lane in the picture. */
  lane(clusterName: string): Locator {
    return this.lanes.filter({ has: this.page.getByRole('link', { name: new RegExp(`^${clusterName}:`) }) })
  }

  /**
   * A cluster's lane track (the picture's one canvas draws its marks beneath it): its `data-kinds` names the kinds of
   * mark drawn and `data-drawn` counts them.
   */
  track(clusterName: string): Locator {
    return this.lane(clusterName).getByTestId('timeline-track')
  }

  zoom(name: '1 day' | '7 days' | '3 weeks' | '30 days'): Locator {
    return this.page.getByRole('radiogroup', { name: 'Zoom' }).getByRole('radio', { name, exact: true })
  }

  filter(name: 'Everything' | 'Windows' | 'Expiries'): Locator {
    return this.page.getByRole('radio', { name, exact: true })
  }
}
