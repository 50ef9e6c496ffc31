import type { CommandInput } from '#contract/commands'

/**
 * How many rows the Fleet's first read asks for (`cluster/list-window`): more than a tall window shows of the first
 * projects with the list's overscan (lib/policy/fleet-layout.ts), few enough to answer in a few kB.
 */
export const FLEET_FIRST_ROWS = 50

/** The locale the Fleet orders names in; the core orders the first rows in it too. */
export function pageLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language
}

/**
 * The Fleet's first read: sent by the page's first script when the window opens on the Fleet (first-screen.ts), and by
 * ClustersState's first load, which takes that answer when the input is the same (early-reads.ts). The host's first
 * paint asks in the locale the page's request names (first-paint/render-first-paint.ts).
 */
export function firstFleetWindowInput(locale = pageLocale()): CommandInput<'cluster/list-window'> {
  return locale === undefined ? { limit: FLEET_FIRST_ROWS } : { limit: FLEET_FIRST_ROWS, locale }
}
