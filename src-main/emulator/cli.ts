/** `npm run emulator -- [options]`: the options and their help text are in cli-options.ts (EMULATOR_USAGE). */
import { EMULATOR_USAGE, parseEmulatorArgs } from './cli-options.ts'
import { startEmulator } from './index.ts'

async function main(): Promise<void> {
  const command = parseEmulatorArgs(process.argv.slice(2))
  if (command.kind === 'help') {
    process.stdout.write(EMULATOR_USAGE)
    return
  }
  if (command.kind === 'error') {
    process.stderr.write(`${command.message}\n`)
    process.exitCode = 1
    return
  }
  const { port, apiKey, seed, latencyMs, rateLimit, stateFile } = command.options
  const emulator = await startEmulator({
    port,
    seed,
    ...(apiKey === undefined ? {} : { apiKeys: [apiKey] }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(stateFile === undefined ? {} : { stateFile })
  })
  process.stdout.write(`Zilliz Cloud emulator listening on ${emulator.url} with API key ${emulator.apiKey}\n`)
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Emulator close failed: ${String(error)}\n`)
        process.exit(1)
      }
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
