import { getContext, setContext } from 'svelte'
import type { Router } from './router.svelte.ts'
import type { BackupsState } from './state/backups.svelte.ts'
import type { ConnectionsState } from './state/connections.svelte.ts'
import type { JobsState } from './state/jobs.svelte.ts'
import type { NotificationsState } from './state/notifications.svelte.ts'
import type { SyncState } from './state/sync.svelte.ts'
import type { TimelineLanesState } from './state/timeline-lanes.svelte.ts'

/** The app-wide state the shell creates once (each class already holds the CoreClient). */
type ShellContext = {
  router: Router
  connections: ConnectionsState
  sync: SyncState
  notifications: NotificationsState
  jobs: JobsState
  backups: BackupsState
  timeline: TimelineLanesState
}

const SHELL_KEY = Symbol('shell')

export function provideShell(shell: ShellContext): void {
  setContext(SHELL_KEY, shell)
}

export function useShell(): ShellContext {
  const shell = getContext<ShellContext | undefined>(SHELL_KEY)
  if (shell === undefined) throw new Error('No shell context: render inside App.svelte.')
  return shell
}
