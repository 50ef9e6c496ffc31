import type { SectionId } from './lib/router.svelte.ts'

/*
 * Every screen but the Fleet is its own chunk, loaded when first opened: a fresh page parses only the shell and the
 * Fleet before the Fleet rows paint (bench/ui-fleet.bench.ts). A second after start, when the browser is idle (the
 * Fleet has painted by then on any usual machine), `preloadSections` fetches the rest, so a later switch is instant.
 */
export const SECTION_PAGES = {
  backups: () => import('./features/backups/BackupsPage.svelte'),
  drafts: () => import('./features/drafts/DraftsPage.svelte'),
  notifications: () => import('./features/notifications/NotificationsPage.svelte'),
  timeline: () => import('./features/timeline/TimelinePage.svelte'),
  templates: () => import('./features/templates/TemplatesPage.svelte'),
  settings: () => import('./features/settings/SettingsPage.svelte')
} as const satisfies Record<Exclude<SectionId, 'fleet'>, () => Promise<unknown>>

/** The Fleet's parts a first paint of the list does not show: the cluster details (with the policy editor), its dialogs. */
export const FLEET_PARTS = {
  details: () => import('./features/fleet/ClusterDetails.svelte'),
  exportDialog: () => import('./features/fleet/ExportPoliciesDialog.svelte'),
  reportsDialog: () => import('./features/reports/ReportsDialog.svelte')
} as const

/** Starts the preload a second from now; the returned function cancels it (the window went first). */
export function preloadSections(target: Window): () => void {
  const load = (): void => {
    for (const part of [...Object.values(SECTION_PAGES), ...Object.values(FLEET_PARTS)]) void part()
  }
  let idle: number | null = null
  const timer = target.setTimeout(() => {
    if ('requestIdleCallback' in target) idle = target.requestIdleCallback(load, { timeout: 2000 })
    else load()
  }, 1000)
  return () => {
    target.clearTimeout(timer)
    if (idle !== null) target.cancelIdleCallback(idle)
  }
}
