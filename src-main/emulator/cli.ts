/** `npm run emulator -- [--port N] [--api-key K] [--seed …] [--latency-ms N] [--rate-limit N] [--state-file F]` */
import { parseArgs } from 'node:util'
import { startEmulator } from './index.ts'

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} needs a non-negative integer, got "${value}"`)
  return parsed
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'api-key': { type: 'string' },
      seed: { type: 'string' },
      'latency-ms': { type: 'string' },
      'rate-limit': { type: 'string' },
      'state-file': { type: 'string' }
    },
    strict: true
  })
  const apiKey = values['api-key']
  const latencyMs = intOption(values['latency-ms'], 'latency-ms')
  const rateLimit = intOption(values['rate-limit'], 'rate-limit')
  const stateFile = values['state-file']
  const emulator = await startEmulator({
    port: intOption(values.port, 'port') ?? 4010,
    seed: values.seed ?? 'demo',
    ...(apiKey === undefined ? {} : { apiKeys: [apiKey] }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(rateLimit === undefined ? {} : { rateLimit: Math.max(1, rateLimit) }),
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
