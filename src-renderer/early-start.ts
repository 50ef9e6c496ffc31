// The page's first script (electron.vite.config.ts puts it first in index.html, `async`). Its chunk imports nothing,
// so it runs as soon as its own few hundred bytes arrive: it asks for the code of the screen the window opened on,
// which the app's entry would only ask for once it had run, sends the first reads a window on the Fleet needs, and
// starts the first screen (first-screen.ts, modulepreloaded by index.html), while the app's entry is still on its way.
import type { startFirstScreen } from './first-screen.ts'
import { askFor, readFirstFiles, screenFiles, screenOf } from './first-files.ts'
import { coreBridge, sendFirst } from './lib/core-client/host-requests.ts'
import { firstFleetWindowInput } from './lib/state/fleet-window-request.ts'
import { hasFirstPaint } from './first-paint/first-paint-in-page.ts'

const files = readFirstFiles(document)
if (files !== null) {
  askFor(document, screenFiles(files, location.hash))
  // The first screen's early reads, in its order (first-screen.ts, which takes their answers as it starts): sent from
  // here, they leave as the page's first script runs, not once first-screen.ts's import has waited behind the app's
  // entry (a fresh page's Fleet waited ~70 ms for an answer the host gives in 30–50, traced). Over HTTP only: under
  // Electron first-screen.ts sends them through the preload's bridge. The Fleet's when the address names it or
  // nothing; another address the router reads as the Fleet (an unknown screen) gets them from first-screen.ts.
  // None with the host's first paint: their answers came with the page (main.ts).
  if (coreBridge(window) === undefined && !hasFirstPaint(document, location.hash)) {
    sendFirst('', 'keychain/status', {})
    if (['', 'fleet'].includes(screenOf(location.hash))) sendFirst('', 'cluster/list-window', firstFleetWindowInput())
  }
  // By address, not by name: a static import would make this chunk wait for that one and its imports. A failed
  // import is main.ts's to notice: it starts the first screen itself.
  import(/* @vite-ignore */ new URL(files.start, document.baseURI).href)
    .then((module: { startFirstScreen: typeof startFirstScreen }) => module.startFirstScreen())
    .catch(() => undefined)
}
