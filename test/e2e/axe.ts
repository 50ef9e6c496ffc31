import axe from 'axe-core'
import type { Page } from '@playwright/test'

/** One violation, short enough to read in a failed assertion: rule, impact and the offending elements. */
export type AxeFinding = { rule: string; impact: string; help: string; targets: string[] }

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe-core (WCAG 2.1 A + AA, colour contrast included) on the page as it is now. The app's CSP blocks
 * inline scripts, so axe's source is evaluated through the DevTools protocol rather than a script tag.
 */
export async function scanAccessibility(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(axe.source)
  const results = await page.evaluate(async (tags) => {
    const runner = (window as unknown as { axe: typeof axe }).axe
    const outcome = await runner.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return outcome.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`.trim())
    }))
  }, WCAG_AA)
  return results
}
