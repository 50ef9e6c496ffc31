import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = import.meta.dirname

/**
 * The Node entry points (docs/architecture.md, "Node entry points"): each becomes `out/node/<name>.mjs`, an ES
 * module bundle of our own code that starts without compiling TypeScript at launch. Packages stay external
 * (installed in node_modules; keytar is optional and loaded lazily), except zod: every contract schema needs it
 * (the CLI at once, the host right after it listens), and one bundled copy spares Node resolving, reading and
 * compiling its ~30 module files at each launch (bench/host-launch.bench.ts); and commander, the CLI's argument
 * parser, which every `backup-desk` run loads: bundled, its seven CommonJS files are neither resolved nor scanned
 * for their exports at each start (bench/cli-start.bench.ts). Add an entry here to ship another one.
 */
const NODE_ENTRIES = {
  host: resolve(root, 'src-main/host/cli.ts'),
  /**
   * The `backup-desk` command line: bin/backup-desk.mjs loads it, then calls its main(). (Named apart from the
   * `cli.mjs` of earlier builds, which ran on import: bin loads the entry while it checks the build's age.)
   */
  'backup-desk': resolve(root, 'src-main/cli/main.ts')
}

export default defineConfig({
  ssr: { noExternal: ['zod', 'commander'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(root, 'out/node'),
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: NODE_ENTRIES,
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' }
    }
  }
})
