import { render as renderComponent } from 'svelte/server'
import type { FirstPaintRenderer } from '#contract/first-paint'
import App from '../App.svelte'
import { rootContext } from '../lib/context.ts'
import type { CoreClient } from '../lib/core-client/core-client.ts'
import { withReadyAnswers } from '../lib/core-client/ready-answers.ts'
import { firstFleetWindowInput } from '../lib/state/fleet-window-request.ts'
import { clock } from '../lib/ui/clock.svelte.ts'

/*
 * The app rendered by the host (its Node process, not a window) for the first paint of a fresh page
 * (contract/first-paint.ts). Built by first-paint.vite.config.mts with Svelte's server output: the same
 * components and scoped class names as the page, the states' first values taken from the answers the host has just
 * read (lib/core-client/ready-answers.ts), as the page's hydration takes them (main.ts). No effect runs here:
 * nothing is read, followed or timed.
 */

/** The address the first paint is drawn at: the Fleet's list (contract/first-paint.ts, FIRST_PAINT_ADDRESS). */
const FLEET_ADDRESS = { location: { hash: '#/fleet' }, addEventListener: () => undefined, removeEventListener: () => undefined }

/** The host renders; nothing here reaches the core. */
const NO_CORE: CoreClient = { invoke: () => new Promise(() => undefined), subscribe: () => () => undefined, onMissedEvents: () => () => undefined }

export const reads: FirstPaintRenderer['reads'] = (locale) => [
  // The shell's first frame: the active organization, the keychain's banner (ConnectionsState).
  { name: 'connection/list', input: {} },
  { name: 'keychain/status', input: {} },
  // The Fleet's first rows, projects and summary (ClustersState), in the page's order of names.
  { name: 'cluster/list-window', input: firstFleetWindowInput(locale) }
]

export const render: FirstPaintRenderer['render'] = ({ now, listHeight, answers }) => {
  clock.now = now
  const { body } = renderComponent(App, {
    props: { allAnswered: () => Promise.resolve(), openedAt: now, routerTarget: FLEET_ADDRESS },
    context: rootContext(withReadyAnswers(NO_CORE, answers), { listHeight })
  })
  return body
}
