import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte'
import type { Plugin, Rolldown } from 'vite'
import { FIRST_FILES_META } from './src-renderer/first-files.ts'
import { SECTIONS } from './src-renderer/lib/route.ts'

const root = import.meta.dirname
/** The page's first script (src-renderer/early-start.ts): an entry of its own, put first in index.html. */
const earlyStart = resolve(root, 'src-renderer/early-start.ts')
/** What the first script starts (src-renderer/first-screen.ts): an entry too, so that its file has a name to ask for. */
const firstScreen = resolve(root, 'src-renderer/first-screen.ts')

type Chunks = Map<string, Rolldown.OutputChunk>

/**
 * Chunks the build would split into small files of their own, each a request of a fresh page (bench/timeline):
 * - the first screen's module with everything it imports, so that the first read (first-screen.ts) waits for one
 *   file, not for two ~2 kB chunks it shared with the app's entry (the entry imports this chunk anyway);
 * - what the screens' chunks share beyond the entry, ~100-byte link helpers and the segmented choice, as one chunk:
 *   the Timeline's code was four scripts, now two. Only these modules (not their imports: the Svelte runtime stays in
 *   the chunk the entry loads).
 */
const FIRST_FILE_GROUPS = [
  // The first script's chunk holds the import-free modules it shares with the app (the request's shape, the Fleet's
  // first input): the app's chunks import them from it, so that it imports nothing itself (firstScript below).
  {
    name: 'early-start',
    test: /src-renderer[\\/](early-start|lib[\\/]core-client[\\/]host-requests|lib[\\/]state[\\/]fleet-window-request)\.ts$/,
    priority: 1
  },
  { name: 'first-screen', test: /src-renderer[\\/]first-screen\.ts$/ },
  {
    name: 'screen-links',
    test: /src-renderer[\\/]lib[\\/]((cluster|backup)-href\.ts|ui[\\/]SegmentedChoice\.svelte|organization[\\/](ScopeSwitch\.svelte|organization-scope\.ts))$/,
    includeDependenciesRecursively: false
  }
]

/**
 * The modules the app's entry runs that the lazily loaded code (screens, dialogs) imports too, filled once the module
 * graph is known (`sharedWithEntry`). Left to the automatic splitting, they became one chunk per set of importers: with
 * the dialogs loaded on first use, five small files (the Svelte runtime, the error toasts, the after-paint helper, the
 * loading state and its stylesheet) where one is needed, each a request of a fresh page beside its first read.
 */
const entryShared = new Set<string>()

/**
 * Fills `entryShared`: modules reachable by static imports both from index.html's script and from a dynamic import,
 * but not from the first script or the first screen's module.
 */
function sharedWithEntry(): Plugin {
  return {
    name: 'backup-desk-shared-with-entry',
    apply: 'build',
    buildEnd() {
      const reach = (starts: readonly string[]): Set<string> => {
        const found = new Set<string>()
        const next = [...starts]
        for (let id = next.pop(); id !== undefined; id = next.pop()) {
          if (found.has(id)) continue
          found.add(id)
          next.push(...(this.getModuleInfo(id)?.importedIds ?? []))
        }
        return found
      }
      const ids = [...this.getModuleIds()]
      const app = ids.filter((id) => id.endsWith('/src-renderer/index.html'))
      const lazy = ids.flatMap((id) => this.getModuleInfo(id)?.dynamicallyImportedIds ?? [])
      const fromLazy = reach(lazy)
      // What the first script and the first screen's module run stays in their own files (FIRST_FILE_GROUPS).
      const first = reach([earlyStart, firstScreen])
      entryShared.clear()
      for (const id of reach(app)) if (fromLazy.has(id) && !first.has(id)) entryShared.add(id)
    }
  }
}

/**
 * Chromium's compile hint (136+): V8 compiles a file that starts with it whole as it arrives, off the main thread,
 * instead of each function on the main thread at its first call. Given to the files a fresh page runs at once (the
 * app's entry and every chunk it imports: traced, a fresh Fleet page ran ≈ 20 ms of lazy compiles on the main thread
 * before its rows, ≈ 2 ms with the hint) and to the Timeline's chunk, which is asked for while its lanes are read, so
 * that it is compiled in that wait (its picture's mount ran ≈ 215 lazy compiles, ≈ 20 ms, before its first frame,
 * ≈ 15 with the hint). Not to the other screens' chunks, which the page preloads in idle time and may never run.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad'
const EAGER_SCREENS = /\/src-renderer\/features\/timeline\/TimelinePage\.svelte$/

/** `names` and every chunk they import, however deep. */
function withImports(chunks: Chunks, names: readonly string[], found = new Set<string>()): Set<string> {
  for (const name of names) {
    if (found.has(name)) continue
    found.add(name)
    withImports(chunks, chunks.get(name)?.imports ?? [], found)
  }
  return found
}

function chunksOf(bundle: Rolldown.OutputBundle): Chunks {
  const chunks: Chunks = new Map()
  for (const output of Object.values(bundle)) if (output.type === 'chunk') chunks.set(output.fileName, output)
  return chunks
}

/** The app's entry: the chunk of index.html's own script. */
function appChunk(chunks: Chunks): Rolldown.OutputChunk {
  const app = [...chunks.values()].find((output) => output.isEntry && output.facadeModuleId?.endsWith('/index.html') === true)
  if (app === undefined) throw new Error("the app's entry is not in the renderer's build")
  return app
}

function entryChunk(chunks: Chunks, module: string): Rolldown.OutputChunk {
  const chunk = [...chunks.values()].find((output) => output.facadeModuleId === module)
  if (chunk === undefined) throw new Error(`${module} is not in the renderer's build`)
  return chunk
}

/**
 * The files each screen's code needs beyond the app's entry (src-renderer/sections.ts loads them with `import()`):
 * the screen's chunk, the chunks it imports that the entry does not, and their stylesheets. The same list as Vite's
 * own preload of the screen, which then finds each file asked for already (by its address) and asks for none twice.
 */
function screenFiles(chunks: Chunks, app: Rolldown.OutputChunk): Record<string, string[]> {
  const loaded = withImports(chunks, [app.fileName])
  const files: Record<string, string[]> = {}
  for (const section of SECTIONS) {
    const page = new RegExp(`/src-renderer/features/${section.id}/[A-Za-z]+Page\\.svelte$`)
    const chunk = [...chunks.values()].find((output) => output.isDynamicEntry && page.test(output.facadeModuleId ?? ''))
    if (chunk === undefined) continue
    const needed = [...withImports(chunks, [chunk.fileName])].filter((name) => !loaded.has(name))
    const styles = needed.flatMap((name) => [...(chunks.get(name)?.viteMetadata?.importedCss ?? [])])
    files[section.id] = [...needed, ...styles].map((name) => `./${name}`)
  }
  return files
}

/**
 * Puts the built `entry` first in index.html as an `async` module script with no imports of its own, so that it runs
 * as soon as its few hundred bytes arrive, before the app's entry and its 150 kB have been fetched, parsed and run
 * (bench/timeline). Not inline: the CSP allows no inline script (core/security/csp.ts). A `<meta>` before it tells it
 * what to ask for (src-renderer/early-start.ts): `start`, the module it imports (`starts`, modulepreloaded here with
 * its imports so that none waits for the one before it), and, per screen, the files of the screen's code, which it
 * asks for at once when the window opens on that screen instead of after the app's entry has run. The dev server has
 * no built chunks; main.ts then starts the first screen itself.
 */
function firstScript(entry: string, starts: string): Plugin {
  return {
    name: 'backup-desk-first-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = chunksOf(context.bundle ?? {})
        const script = entryChunk(chunks, entry)
        if (script.imports.length > 0) throw new Error(`the first script ${entry} must import nothing, it imports ${script.imports.join(', ')}`)
        const started = entryChunk(chunks, starts)
        const app = appChunk(chunks)
        const firstFiles = { start: `./${started.fileName}`, screens: screenFiles(chunks, app) }
        return [
          { tag: 'meta', attrs: { name: FIRST_FILES_META, content: JSON.stringify(firstFiles) }, injectTo: 'head-prepend' },
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${script.fileName}` }, injectTo: 'head-prepend' },
          ...[...withImports(chunks, [started.fileName])].filter((file) => file !== script.fileName).map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head-prepend' as const
          }))
        ]
      }
    }
  }
}

/**
 * Puts COMPILE_HINT first in the files it is for, once they are written: V8 reads the hint only at the very start of
 * a file, and Vite puts its preload list first in the app's entry after every plugin's `generateBundle`; a comment
 * given to the minifier would be dropped.
 */
function compileHints(): Plugin {
  return {
    name: 'backup-desk-compile-hints',
    apply: 'build',
    writeBundle(options, bundle) {
      const chunks = chunksOf(bundle)
      const app = appChunk(chunks)
      if (options.dir === undefined) throw new Error('the renderer is built into no directory')
      const screens = [...chunks.values()].filter((output) => EAGER_SCREENS.test(output.facadeModuleId ?? '')).map((output) => output.fileName)
      for (const name of withImports(chunks, [app.fileName, ...screens])) {
        const path = resolve(options.dir, name)
        const code = readFileSync(path, 'utf8')
        if (!code.startsWith(COMPILE_HINT)) writeFileSync(path, `${COMPILE_HINT}\n${code}`)
      }
    }
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: resolve(root, 'src-main/electron/main.ts') } }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require other files, so it is one self-contained CommonJS file
      // (docs/reliability.md#r8).
      rollupOptions: {
        input: { preload: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // Minified: a fresh page parses half the bytes before the Fleet paints (electron-vite leaves it off by default).
      minify: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-renderer/index.html'), 'early-start': earlyStart, 'first-screen': firstScreen },
        // Fewer first files: a fresh page has six connections to the host for its ~15 files and its first read.
        output: {
          codeSplitting: {
            groups: [...FIRST_FILE_GROUPS, { name: 'app-shared', test: (id: string) => entryShared.has(id), priority: -1, includeDependenciesRecursively: false }]
          }
        }
      }
    },
    plugins: [
      sharedWithEntry(),
      firstScript(earlyStart, firstScreen),
      compileHints(),
      svelte({
        configFile: false,
        preprocess: vitePreprocess(),
        compilerOptions: { runes: true }
      })
    ]
  }
})
