/**
 * Crash-test child for the whole core (docs/reliability.md#r17, #r25): the real core on `dataDir` with the real API
 * client against an emulator the parent runs, until the parent SIGKILLs it.
 * - `sync`: connects (first run) or re-enters the key (memory secrets do not survive a kill), prints READY, then
 *   runs `sync/run` in a loop and prints `ACK <n> <backups>` after each successful sync.
 * - `create <clusterId>`: prints READY and requests one manual backup (the parent kills it before the answer).
 */
import { createLogger } from '#core/lib/logger'
import { createTestCore } from './test-core.ts'

const [mode, dataDir, baseUrl, apiKey, clusterId] = process.argv.slice(2)
if ((mode !== 'sync' && mode !== 'create') || dataDir === undefined || baseUrl === undefined || apiKey === undefined) {
  process.stderr.write('usage: core-crash-child.ts sync|create <dataDir> <baseUrl> <apiKey> [clusterId]\n')
  process.exit(2)
}

async function main(dir: string, url: string, key: string): Promise<void> {
  const logger = createLogger({ sink: (line) => process.stderr.write(line + '\n'), minLevel: 'error' })
  // Unpaced in `sync` mode (the emulator runs with a high rate limit): the crash test is about the store, and
  // short syncs give more kills per second mid-transaction and between commits.
  const limits = mode === 'sync' ? { perSecond: 1000, burst: 1000, maxConcurrent: 32 } : undefined
  const core = createTestCore({ dataDir: dir, logger, ...(limits === undefined ? {} : { limits }) })
  const listed = await core.invoke('connection/list', {})
  if (!listed.ok) throw new Error(listed.error.message)
  const existing = listed.value[0]
  if (existing === undefined) {
    const added = await core.invoke('connection/add', { name: 'Crash', baseUrl: url, apiKey: key })
    if (!added.ok) throw new Error(added.error.message)
  } else {
    await core.secrets.set(existing.id, key)
  }
  process.stdout.write('READY\n')
  if (mode === 'create') {
    const created = await core.invoke('backup/create', { clusterId: clusterId ?? '' })
    process.stdout.write(`CREATED ${JSON.stringify(created)}\n`)
    return
  }
  for (let n = 1; ; n++) {
    const result = await core.invoke('sync/run', {})
    process.stdout.write(result.ok ? `ACK ${n} ${result.value.backups}\n` : `ERR ${result.error.code} ${result.error.message}\n`)
  }
}

main(dataDir, baseUrl, apiKey).catch((error: unknown) => {
  process.stderr.write(`child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
