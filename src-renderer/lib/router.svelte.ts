import { parseRoute, type SectionId } from './route.ts'

export { SECTIONS, type SectionId } from './route.ts'

/** What the router reads the address from and follows: the window, or the host's first paint's stand-in. */
export type RouterTarget = Pick<Window, 'addEventListener' | 'removeEventListener'> & { location: Pick<Location, 'hash'> }

/** The current section and its parameters, kept in the URL hash (`#/backups?cluster=…`). */
export class Router {
  section = $state<SectionId>('fleet')
  params = $state<Record<string, string>>({})

  constructor(private readonly target: RouterTarget) {
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
    const { section, params } = parseRoute(this.target.location.hash)
    this.section = section
    this.params = params
  }
}
