import { parseArgs } from 'node:util'

/** The browser host's command line (`npm run web -- …`, `npm start` where Electron's binary is missing). */
export const HOST_USAGE = `Usage: npm run web -- [options]

Serves Backup Desk on 127.0.0.1 and prints the address to open in your browser (with its session token).

Options:
  --port N         the port to listen on (default: any free port)
  --token T        the session token the address carries (default: a new random one)
  --data-dir DIR   the folder for the app's data (default: BACKUP_DESK_DATA_DIR, else the platform's
                   app-data folder, ~/.config/backup-desk on Linux)
  --demo           an embedded Zilliz Cloud emulator with a demo organization, in a throwaway data folder
  --no-build       skip rebuilding what changed since the last build
  -h, --help       show this help
`

export type HostOptions = {
  /** 0 asks the system for a free port. */
  readonly port: number
  readonly token: string | undefined
  readonly dataDir: string | undefined
  readonly demo: boolean
}

export type HostCommand = { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: HostOptions } | { readonly kind: 'error'; readonly message: string }

/** Reads the host's arguments; a wrong one gives a one-line message that points at `--help`, never a throw. */
export function parseHostArgs(args: readonly string[]): HostCommand {
  let values
  try {
    values = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { kind: 'error', message: `${firstSentence(error)} (add --help for usage)` }
  }
  if (values.help) return { kind: 'help' }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (values.port?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    return { kind: 'error', message: `--port must be a whole number between 0 and 65535, not "${values.port ?? ''}".` }
  }
  return { kind: 'run', options: { port, token: values.token, dataDir: values['data-dir'], demo: values.demo } }
}

/** Node's parse errors run on with advice about `--` that does not apply to npm scripts; the first sentence says it. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const end = message.search(/\.\s/)
  return end === -1 ? message.replace(/\.$/, '') : message.slice(0, end)
}
