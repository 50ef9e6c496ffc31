/*
 * The screens and how the window's address names one (`#/backups?cluster=…`), free of Svelte: the shell's Router
 * (router.svelte.ts) follows it, and the page's first script (first-screen.ts) reads it before the app's code has
 * loaded.
 */

export const SECTIONS = [
  { id: 'fleet', label: 'Fleet', shortcut: '1' },
  { id: 'backups', label: 'Backups', shortcut: '2' },
  { id: 'drafts', label: 'Drafts', shortcut: '3' },
  { id: 'notifications', label: 'Notifications', shortcut: '4' },
  { id: 'settings', label: 'Settings', shortcut: '5' },
  { id: 'timeline', label: 'Timeline', shortcut: '6' },
  { id: 'templates', label: 'Templates', shortcut: '7' }
] as const

export type SectionId = (typeof SECTIONS)[number]['id']

export type Route = { section: SectionId; params: Record<string, string> }

/** The screen an address's hash names, the Fleet for anything else. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const match = SECTIONS.find((s) => s.id === path)
  return { section: match?.id ?? 'fleet', params: Object.fromEntries(new URLSearchParams(query)) }
}
