import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte'

const root = import.meta.dirname

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
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') }
    },
    plugins: [
      svelte({
        configFile: false,
        preprocess: vitePreprocess(),
        compilerOptions: { runes: true }
      })
    ]
  }
})
