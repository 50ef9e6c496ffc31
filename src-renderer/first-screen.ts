import { createCoreClient } from './lib/core-client/create-core-client.ts'
import { withEarlyReads, type EarlyReadsClient } from './lib/core-client/early-reads.ts'
import { forgetSentFirst } from './lib/core-client/host-requests.ts'
import { parseRoute, type Route } from './lib/route.ts'
import { firstLanesInput } from './lib/state/lanes-request.ts'
import { firstFleetWindowInput } from './lib/state/fleet-window-request.ts'
import { hasFirstPaint } from './first-paint/first-paint-in-page.ts'

export type FirstScreen = {
  /** The window's one client: the first screen's early read and every read of the app go through it. */
  client: EarlyReadsClient
  /** When the first screen was started: its first visit shows the view around this instant (App.svelte). */
  openedAt: number
  /** The screen the window opened on. */
  route: Route
}

let started: FirstScreen | null = null

/**
 * Starts, once per window, the first read of the screen the window opened on: on the Timeline's picture, its first
 * page of lanes (bench/timeline). The page's first script calls it (early-start.ts: a chunk of a few kB that
 * index.html loads beside the app's entry, so it runs as soon as it arrives, before the app's 150 kB are parsed and
 * run and the shell is mounted); main.ts calls it again and gets the same client, or starts it itself when the first
 * script did not run first. No screen's code is imported here: a chunk reachable from this script could no longer
 * share the app entry's modules, and the build would split them into dozens of small files.
 */
export function startFirstScreen(target: Window = window): FirstScreen {
  if (started !== null) return started
  const client = withEarlyReads(createCoreClient())
  const openedAt = Date.now()
  const route = parseRoute(target.location.hash)
  // The keychain's mode (ConnectionsState.loadKeychain, at the shell's mount), before the screen's read: its banner
  // sits above every screen, and drawn after the screen's first frame it shifts the screen down (a Fleet list is then
  // drawn again to its new height, bench/ui-fleet, traced). The host answers it at once, and one request at a time:
  // sent after the screen's read, it waited for that answer and came after it.
  // With the host's first paint, the Fleet's and the shell's first reads came with the page (main.ts).
  const isPainted = hasFirstPaint(target.document, target.location.hash)
  if (!isPainted) client.sendEarly('keychain/status', {})
  // The same read as the picture's first (TimelineLanesState.visit at `openedAt`, App.svelte), which takes its answer.
  if (route.section === 'timeline' && route.params['view'] !== 'list') client.sendEarly('timeline/lanes', firstLanesInput(openedAt))
  // The Fleet's first rows and summary (ClustersState's first read, which takes the answer).
  if (route.section === 'fleet' && !isPainted) client.sendEarly('cluster/list-window', firstFleetWindowInput())
  // The page's first script sent these over HTTP (early-start.ts) and the reads above took them; one it sent that no
  // read here took is dropped now, never handed to a later read as if it were fresh.
  forgetSentFirst()
  started = { client, openedAt, route }
  return started
}
