/*
 * What index.html tells the page's first script to ask for: electron.vite.config.ts writes it into a `<meta>` of the
 * built page, early-start.ts reads it. Imported by the first script alone (and the build's config), so that the
 * script's chunk imports nothing and runs as soon as it arrives (docs/architecture.md, "The first screen's files
 * and read start with the page").
 */

export const FIRST_FILES_META = 'backup-desk-first-files'

export type FirstFiles = {
  /** The module the first script imports and starts (first-screen.ts), relative to the page. */
  start: string
  /** Per screen (its id in the address, lib/route.ts), the files of its code beyond the app's entry. */
  screens: Record<string, string[]>
}

/** The files index.html names, or null in a page without them (the dev server's). */
export function readFirstFiles(doc: Document): FirstFiles | null {
  const content = doc.querySelector(`meta[name="${FIRST_FILES_META}"]`)?.getAttribute('content')
  return content === null || content === undefined ? null : (JSON.parse(content) as FirstFiles)
}

/**
 * The screen an address's hash names, as lib/route.ts's `parseRoute` reads it (test/unit/renderer/first-files.test.ts
 * holds the two to the same answers). Not imported from there: a module the app's entry imports too would become
 * a chunk of its own that this script waits for.
 */
export function screenOf(hash: string): string {
  return hash.replace(/^#\/?/, '').split('?')[0] ?? ''
}

/** The files of the code of the screen `hash` names; none for the Fleet (in the entry) or an unknown screen. */
export function screenFiles(files: FirstFiles, hash: string): string[] {
  const screen = screenOf(hash)
  return Object.hasOwn(files.screens, screen) ? (files.screens[screen] ?? []) : []
}

/**
 * Asks for `files` now, each as the preload of a screen's `import()` will (Vite's helper, sections.ts): a module
 * preload for a script, a stylesheet preload for a style sheet, same address, same credentials. The helper then
 * finds each script asked for and adds no second request, and its `<link rel="stylesheet">` takes the response
 * already on its way. Nothing is run or applied here.
 */
export function askFor(doc: Document, files: readonly string[]): void {
  for (const file of files) {
    const link = doc.createElement('link')
    if (file.endsWith('.css')) {
      link.rel = 'preload'
      link.as = 'style'
    } else link.rel = 'modulepreload'
    link.crossOrigin = ''
    link.href = file
    doc.head.append(link)
  }
}
