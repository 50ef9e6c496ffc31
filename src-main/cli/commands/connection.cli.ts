import type { Command } from 'commander'
import { CliFailure, type CliSession } from '../cli-context.ts'
import { table } from '../format/table.ts'

type Run = (action: (session: CliSession, ...args: unknown[]) => Promise<number>) => (...args: unknown[]) => Promise<void>

export const API_KEY_ENV = 'BACKUP_DESK_API_KEY'

export function registerConnectionCommands(program: Command, run: Run): void {
  const connection = program.command('connection').description('The Zilliz Cloud organizations Backup Desk reads (shared with the app).')

  connection
    .command('list')
    .description('Every connection: name, id, address and last sync.')
    .option('--json', 'print JSON instead of a table')
    .action(
      run(async (session, opts) => {
        const all = await session.invoke('connection/list', {})
        if ((opts as { json?: boolean }).json === true) session.json(all)
        else if (all.length === 0) session.io.out('No connections yet.\n')
        else session.io.out(table(['Name', 'Id', 'Address', 'Key', 'Last sync'], all.map((c) => [c.isActive ? `${c.name} *` : c.name, c.id, c.baseUrl, c.tokenHint ?? 'missing', c.lastSyncAt ?? 'never'])))
        return 0
      })
    )

  connection
    .command('add')
    .description(`Add an organization. The API key is read from standard input or ${API_KEY_ENV}, never from an argument.`)
    .requiredOption('--name <name>', 'a name to tell this organization apart')
    .requiredOption('--base-url <url>', 'the API address, e.g. https://api.cloud.zilliz.com')
    .action(
      run(async (session, opts) => {
        const { name, baseUrl } = opts as { name: string; baseUrl: string }
        const apiKey = (session.io.env[API_KEY_ENV] ?? (await session.io.readStdin()) ?? '').trim()
        if (apiKey === '') throw new CliFailure(`No API key: pipe it on standard input or set ${API_KEY_ENV}.`)
        session.progress(`Checking the key against ${baseUrl}…`)
        const added = await session.invoke('connection/add', { name, baseUrl, apiKey })
        session.io.out(`Added ${added.name} (${added.id}), key ${added.tokenHint ?? ''} in the system keychain.\n`)
        return 0
      })
    )
}
