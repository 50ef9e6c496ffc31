import type { OrganizationRef } from '#contract/models/organization'

/** What the Drafts, Notifications and Timeline screens show: the active organization's items, or everyone's. */
export type OrganizationScope = 'this' | 'all'

/** The screens with a scope switch; each remembers its own choice. */
export type ScopedScreen = 'drafts' | 'notifications' | 'timeline'

const KEY_PREFIX = 'backup-desk.scope.'

/** The remembered scope of a screen; "this organization" until the admin chose otherwise. */
export function readScope(screen: ScopedScreen, storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): OrganizationScope {
  return storage?.getItem(KEY_PREFIX + screen) === 'all' ? 'all' : 'this'
}

export function writeScope(screen: ScopedScreen, scope: OrganizationScope, storage: Pick<Storage, 'setItem'> | undefined = safeStorage()): void {
  storage?.setItem(KEY_PREFIX + screen, scope)
}

/**
 * Whether an item is shown under `scope`. With no active organization (no connection yet) everything is. An item
 * whose organization no connection reaches belongs to no current organization: it shows under "All" only.
 */
export function isInScope(organization: OrganizationRef | undefined, scope: OrganizationScope, activeConnectionId: string | null): boolean {
  if (scope === 'all' || activeConnectionId === null) return true
  return organization?.connectionId === activeConnectionId
}

/** The items in scope and how many the scope hides (the switch says so, so nothing is out of sight unknowingly). */
export function scoped<T>(
  items: readonly T[],
  organizationOf: (item: T) => OrganizationRef | undefined,
  scope: OrganizationScope,
  activeConnectionId: string | null,
  isEverywhere: (item: T) => boolean = () => false
): { shown: T[]; hidden: number } {
  const shown = items.filter((item) => isEverywhere(item) || isInScope(organizationOf(item), scope, activeConnectionId))
  return { shown, hidden: items.length - shown.length }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    // Storage can be denied (a sandboxed frame): the scope is then not remembered, never an error.
    return undefined
  }
}
