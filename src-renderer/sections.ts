import type { SectionId } from './lib/route.ts'
import { preloadInIdle, type PreloadTarget } from './lib/idle-preload.ts'

/** Stylesheets of the screens' chunks whose fetch failed, till a load fetches them again (`noteFailedStyles`). */
const failedStyles = new Set<HTMLLinkElement>()

/** `load`, after each stylesheet that failed is fetched again by a fresh `<link>` in its place; at once if none did. */
function styledAgain<T>(load: () => Promise<T>): () => Promise<T> {
  return () => {
    if (failedStyles.size === 0) return load()
    const links = [...failedStyles]
    failedStyles.clear()
    const settled = links.map((link) => {
      const fresh = link.cloneNode() as HTMLLinkElement
      const done = new Promise((resolve) => {
        fresh.addEventListener('load', resolve)
        fresh.addEventListener('error', resolve)
      })
      link.replaceWith(fresh)
      return done
    })
    return Promise.all(settled).then(load)
  }
}

/*
 * Every screen but the Fleet is its own chunk, loaded when first opened: a fresh page parses only the shell and the
 * Fleet before the Fleet rows paint (bench/ui-fleet.bench.ts). Once the first screen has drawn, `preloadSections`
 * fetches the rest one at a time, the likeliest next screen first, so a later switch is instant (bench/ui-backups).
 */
export const SECTION_PAGES = {
  backups: styledAgain(() => import('./features/backups/BackupsPage.svelte')),
  drafts: styledAgain(() => import('./features/drafts/DraftsPage.svelte')),
  notifications: styledAgain(() => import('./features/notifications/NotificationsPage.svelte')),
  timeline: styledAgain(() => import('./features/timeline/TimelinePage.svelte')),
  templates: styledAgain(() => import('./features/templates/TemplatesPage.svelte')),
  settings: styledAgain(() => import('./features/settings/SettingsPage.svelte'))
} as const satisfies Record<Exclude<SectionId, 'fleet'>, () => Promise<unknown>>

/** The Fleet's parts a first paint of the list does not show: the cluster details (with the policy editor), its dialogs and the plan actions. */
export const FLEET_PARTS = {
  details: styledAgain(() => import('./features/fleet/ClusterDetails.svelte')),
  exportDialog: styledAgain(() => import('./features/fleet/ExportPoliciesDialog.svelte')),
  reportsDialog: styledAgain(() => import('./features/reports/ReportsDialog.svelte')),
  importPolicies: styledAgain(() => import('./features/fleet/import-policies.ts')),
  planActions: styledAgain(() => import('./features/plans/plan-actions.ts'))
} as const

/**
 * The dialogs the shell and the Fleet open (modalManager.openLoaded): none is drawn in a first frame, and with them the
 * app's entry would carry their code and the dialog frame's own two files, which a fresh page then fetched beside its
 * first read over the browser's few connections to the host.
 */
export const DIALOGS = {
  shortcuts: styledAgain(() => import('./lib/ui/shell/ShortcutsDialog.svelte')),
  confirm: styledAgain(() => import('./lib/ui/ConfirmDialog.svelte')),
  replaceKey: styledAgain(() => import('./features/settings/ReplaceKeyDialog.svelte')),
  removeConnection: styledAgain(() => import('./features/settings/RemoveConnectionDialog.svelte'))
} as const

/**
 * What the preload does, the likeliest next screens first: the backup list's code (its rows' time formatting is made
 * ready once the first screen is drawn, App.svelte), then a cluster's details, the dialogs (small, and a key opens
 * some), then the rest.
 */
const PRELOAD_ORDER = [
  SECTION_PAGES.backups,
  FLEET_PARTS.details,
  ...Object.values(DIALOGS),
  ...Object.values(SECTION_PAGES),
  ...Object.values(FLEET_PARTS)
]

/**
 * Preloads the other screens once the first one has drawn, the likeliest next first, pausing while a screen the admin
 * opened loads (`screenAnswer`: its read and code; `preloadInIdle`); the returned function stops it.
 */
export function preloadSections(target: PreloadTarget, firstScreenDrawn: Promise<unknown>, screenAnswer: () => Promise<unknown>): () => void {
  return preloadInIdle(target, firstScreenDrawn, PRELOAD_ORDER, screenAnswer)
}

/**
 * Notes each stylesheet whose fetch failed (the host was down), for the next load of a screen to fetch it again
 * (`styledAgain`). Vite's preload helper adds a screen's CSS as a `<link>` once per page and never again, loaded or
 * not: the screen would come back without its styles (test/e2e/ui/screens-after-host-restart.spec.ts). A failed
 * `import()` itself is not kept by the browser: the next visit imports again. The returned function stops it.
 */
export function noteFailedStyles(target: Document): () => void {
  const onError = (event: Event): void => {
    if (event.target instanceof HTMLLinkElement && event.target.rel === 'stylesheet') failedStyles.add(event.target)
  }
  // `error` does not bubble: only a capturing listener on the document hears every link's.
  target.addEventListener('error', onError, true)
  return () => target.removeEventListener('error', onError, true)
}
