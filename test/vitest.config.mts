import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

const root = new URL('..', import.meta.url).pathname
const shared = { root, environment: 'node', pool: 'forks', testTimeout: 20_000, hookTimeout: 30_000 } as const

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'core',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['test/keyring/**', 'node_modules/**', 'test/unit/renderer/state/**']
        }
      },
      {
        // Renderer state classes (`*.svelte.ts`) use runes. The Svelte plugin compiles them for the client
        // (Node would otherwise get the server output, where effects never run); the `browser` condition
        // and inlining Svelte make `svelte` and `svelte/internal/client` the one client runtime the
        // renderer really runs on. Kept to its own project so the core's packages resolve for Node.
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true }, dynamicCompileOptions: () => ({ generate: 'client' }) })],
        resolve: { conditions: ['browser'] },
        ssr: { resolve: { conditions: ['browser'] } },
        test: {
          ...shared,
          name: 'renderer-state',
          include: ['test/unit/renderer/state/**/*.test.ts'],
          server: { deps: { inline: [/\/svelte\//] } }
        }
      }
    ]
  }
})
