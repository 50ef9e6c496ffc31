import { parseArgs } from 'node:util'

/** The emulator's command line (`npm run emulator -- …`): the one text `--help` prints and a wrong option points at. */
export const EMULATOR_USAGE = `Usage: npm run emulator -- [options]

Runs the Zilliz Cloud emulator on 127.0.0.1 and prints one line with its address and API key.
Ctrl+C (SIGINT) or SIGTERM closes it and writes the state file.

Options:
  --port N          the port to listen on (default: 4010; 0 = any free port)
  --api-key K       the API key clients must send (default: a new random one)
  --seed S          the starting organization: demo, empty or large:CLUSTERS:BACKUPS_PER_CLUSTER (default: demo)
  --latency-ms N    delay every answer by N milliseconds (default: 0)
  --rate-limit N    requests per second per API key and endpoint (default: 20)
  --state-file F    load the world from F if it exists, and save it there on exit
  -h, --help        show this help
`

export type EmulatorCliOptions = {
  readonly port: number
  readonly apiKey: string | undefined
  readonly seed: string
  readonly latencyMs: number | undefined
  readonly rateLimit: number | undefined
  readonly stateFile: string | undefined
}

export type EmulatorCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly options: EmulatorCliOptions }
  | { readonly kind: 'error'; readonly message: string }

/** Reads the emulator's arguments; a wrong one gives a one-line message that points at `--help`, never a throw. */
export function parseEmulatorArgs(args: readonly string[]): EmulatorCommand {
  let values
  try {
    values = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        'api-key': { type: 'string' },
        seed: { type: 'string' },
        'latency-ms': { type: 'string' },
        'rate-limit': { type: 'string' },
        'state-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { kind: 'error', message: `${firstSentence(error)} (add --help for usage)` }
  }
  if (values.help) return { kind: 'help' }
  const numbers: Record<'port' | 'latency-ms' | 'rate-limit', number | undefined> = { port: undefined, 'latency-ms': undefined, 'rate-limit': undefined }
  for (const name of ['port', 'latency-ms', 'rate-limit'] as const) {
    const value = values[name]
    if (value === undefined) continue
    const parsed = Number(value)
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 0) return { kind: 'error', message: `--${name} needs a non-negative integer, got "${value}".` }
    numbers[name] = parsed
  }
  if (numbers.port !== undefined && numbers.port > 65535) return { kind: 'error', message: `--port must be between 0 and 65535, got "${values.port ?? ''}".` }
  return {
    kind: 'run',
    options: {
      port: numbers.port ?? 4010,
      apiKey: values['api-key'],
      seed: values.seed ?? 'demo',
      latencyMs: numbers['latency-ms'],
      rateLimit: numbers['rate-limit'] === undefined ? undefined : Math.max(1, numbers['rate-limit']),
      stateFile: values['state-file']
    }
  }
}

/** Node's parse errors run on with advice about `--` that does not apply to npm scripts; the first sentence says it. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const end = message.search(/\.\s/)
  return end === -1 ? message.replace(/\.$/, '') : message.slice(0, end)
}
