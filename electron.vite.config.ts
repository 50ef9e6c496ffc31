import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte'
import type { Plugin, Rolldown } from 'vite'

const root = import.meta.dirname
/** The page's first script (src-renderer/first-screen.ts): an entry of its own, put first in index.html. */
const earlyStart = resolve(root, 'src-renderer/early-start.ts')

/**
 * Puts the built `entry` first in index.html as an `async` module script, with a modulepreload for each chunk it
 * imports: it runs as soon as its few kB arrive, before the app's entry and its 150 kB have been fetched, parsed and
 * run (bench/timeline). Not inline: the CSP allows no inline script (core/security/csp.ts). The dev server has no
 * built chunks; main.ts then starts the first screen itself.
 */
function firstScript(entry: string): Plugin {
  return {
    name: 'backup-desk-first-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = new Map<string, Rolldown.OutputChunk>()
        for (const output of Object.values(context.bundle ?? {})) if (output.type === 'chunk') chunks.set(output.fileName, output)
        const chunk = [...chunks.values()].find((output) => output.facadeModuleId === entry)
        if (chunk === undefined) throw new Error(`the first script ${entry} is not in the renderer's build`)
        // Every chunk it imports, however deep, so that none waits for the one before it to be parsed.
        const imports = new Set<string>()
        const follow = (names: readonly string[]): void => {
          for (const name of names) {
            if (imports.has(name)) continue
            imports.add(name)
            follow(chunks.get(name)?.imports ?? [])
          }
        }
        follow(chunk.imports)
        return [
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${chunk.fileName}` }, injectTo: 'head-prepend' },
          ...[...imports].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head-prepend' as const }))
        ]
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
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html'), 'early-start': earlyStart } }
    },
    plugins: [
      firstScript(earlyStart),
      svelte({
        configFile: false,
        preprocess: vitePreprocess(),
        compilerOptions: { runes: true }
      })
    ]
  }
})
