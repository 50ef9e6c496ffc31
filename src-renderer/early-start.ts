// The page's first script (electron.vite.config.ts puts it first in index.html, `async`). Its chunk imports nothing,
// so it runs as soon as its own few hundred bytes arrive: it asks for the code of the screen the window opened on,
// which the app's entry would only ask for once it had run, and starts the first screen's read (first-screen.ts,
// modulepreloaded by index.html), while the app's entry is still on its way.
import type { startFirstScreen } from './first-screen.ts'
import { askFor, readFirstFiles, screenFiles } from './first-files.ts'

const files = readFirstFiles(document)
if (files !== null) {
  askFor(document, screenFiles(files, location.hash))
  // By address, not by name: a static import would make this chunk wait for that one and its imports. A failed
  // import is main.ts's to notice: it starts the first screen itself.
  import(/* @vite-ignore */ new URL(files.start, document.baseURI).href)
    .then((module: { startFirstScreen: typeof startFirstScreen }) => {
      module.startFirstScreen()
      // The page's first use of Intl loads ICU's data (15–45 ms of a fresh page, profiled: the shell's first
      // `localTimeZone`, lib/ui/format.ts). Done here, once the first screen's read is sent, it is paid while the
      // page waits for that answer and its other files, not between the answer and the screen's paint.
      Intl.DateTimeFormat().resolvedOptions()
    })
    .catch(() => undefined)
}
