import { resolve } from 'node:path'
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'

const root = import.meta.dirname

/**
 * The host's first paint (docs/architecture.md, "First paint from the host"): the renderer's app compiled with
 * Svelte's server output into one self-contained module, `out/first-paint/render-first-paint.mjs`, which the
 * browser host and Electron's `app://` handler load as a built file (contract/first-paint.ts). Svelte and the
 * app's modules are bundled in; the components keep the class names of the page's stylesheet (Svelte scopes them by
 * file, the same in both builds; test/e2e/ui/first-screen.spec.ts holds it).
 */
export default defineConfig({
  root,
  resolve: { conditions: ['svelte'] },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'src-renderer/first-paint/render-first-paint.ts'),
    target: 'node20',
    outDir: resolve(root, 'out/first-paint'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } }
  },
  plugins: [svelte({ configFile: false, preprocess: vitePreprocess(), compilerOptions: { runes: true } })]
})
