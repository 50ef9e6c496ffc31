// The page's first script (electron.vite.config.ts puts it first in index.html, `async`, with its few imports
// preloaded): it sends the first screen's read while the app's entry is still on its way.
import { startFirstScreen } from './first-screen.ts'

startFirstScreen()
