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

/** What the preload fetches, the likeliest next screens first: the backup list, then a cluster's details. */
const PRELOAD_ORDER = [SECTION_PAGES.backups, FLEET_PARTS.details, ...Object.values(SECTION_PAGES), ...Object.values(FLEET_PARTS)]

/**
 * Starts the preload a second from now, one chunk per idle moment, so that a screen the admin opens meanwhile
 * does not queue behind twenty requests at once (bench/ui-backups); the returned function stops it.
 */
export function preloadSections(target: Window): () => void {
  const pending = [...new Set(PRELOAD_ORDER)]
  let idle: number | null = null
  let isStopped = false
  const whenIdle = (run: () => void): void => {
    if ('requestIdleCallback' in target) idle = target.requestIdleCallback(run, { timeout: 2000 })
    else run()
  }
  const loadNext = (): void => {
    const part = pending.shift()
    if (isStopped || part === undefined) return
    // A chunk that fails to load is left to its screen, which says so when opened (App.svelte, notLoaded).
    void part().catch(() => undefined).then(() => whenIdle(loadNext))
  }
  const timer = target.setTimeout(() => whenIdle(loadNext), 1000)
  return () => {
    isStopped = true
    target.clearTimeout(timer)
    if (idle !== null) target.cancelIdleCallback(idle)
  }
}
