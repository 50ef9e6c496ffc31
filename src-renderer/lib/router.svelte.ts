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

/** The current section and its parameters, kept in the URL hash (`#/backups?cluster=…`). */
export class Router {
  section = $state<SectionId>('fleet')
  params = $state<Record<string, string>>({})

  constructor(private readonly target: Window) {
    this.read()
  }

  /** Follows the hash (back, forward, a typed address) until the returned function is called. */
  watch(): () => void {
    const onHashChange = (): void => this.read()
    this.target.addEventListener('hashchange', onHashChange)
    return () => this.target.removeEventListener('hashchange', onHashChange)
  }

  href(section: SectionId, params: Record<string, string> = {}): string {
    const query = new URLSearchParams(params).toString()
    return `#/${section}${query === '' ? '' : `?${query}`}`
  }

  go(section: SectionId, params: Record<string, string> = {}): void {
    this.target.location.hash = this.href(section, params).slice(1)
  }

  private read(): void {
    const [path = '', query = ''] = this.target.location.hash.replace(/^#\/?/, '').split('?')
    const match = SECTIONS.find((s) => s.id === path)
    this.section = match?.id ?? 'fleet'
    this.params = Object.fromEntries(new URLSearchParams(query))
  }
}
