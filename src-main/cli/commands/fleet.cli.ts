import type { Command } from 'commander'
import type { ClusterSummary } from '#contract/commands/cluster'
import { CliFailure, type CliSession } from '../cli-context.ts'
import { atOrAbove, STATUS_HEADER, statusRow } from '../format/status-rows.ts'
import { table } from '../format/table.ts'

type Run = (action: (session: CliSession, ...args: unknown[]) => Promise<number>) => (...args: unknown[]) => Promise<void>

/** The exit code `check` gives when a cluster is at or above `--fail-on` (cron and CI read it). */
export const CHECK_FAILED_EXIT = 3

export function registerFleetCommands(program: Command, run: Run): void {
  program
    .command('sync')
    .description('Read projects, clusters, policies and backups from Zilliz Cloud into the local cache.')
    .action(
      run(async (session) => {
        for (const connection of await session.connections('all')) {
          session.progress(`Syncing ${connection.name}…`)
          const result = await session.invoke('sync/run', { connectionId: connection.id })
          session.io.out(`${connection.name}: ${result.clusters} clusters, ${result.policies} policies, ${result.backups} backups (${Math.round(result.durationMs)} ms)\n`)
        }
        return 0
      })
    )

  program
    .command('status')
    .description('The fleet as a table: policy, next window (local and UTC), newest backup, health.')
    .option('--json', 'print JSON instead of a table')
    .action(
      run(async (session, opts) => {
        const clusters = await fleet(session)
        if ((opts as { json?: boolean }).json === true) session.json(clusters)
        else session.io.out(table(STATUS_HEADER, clusters.map((c) => statusRow(c, localZone(session)))))
        return 0
      })
    )

  program
    .command('check')
    .description(`Exit ${CHECK_FAILED_EXIT} when any cluster's health is at or above --fail-on (for cron and CI).`)
    .option('--fail-on <level>', 'warning or failing', 'failing')
    .option('--json', 'print JSON instead of text')
    .action(
      run(async (session, opts) => {
        const { failOn, json } = opts as { failOn: string; json?: boolean }
        if (failOn !== 'warning' && failOn !== 'failing') throw new CliFailure(`--fail-on must be warning or failing.`)
        const clusters = await fleet(session)
        const bad = atOrAbove(clusters, failOn)
        if (json === true) session.json({ failOn, clusters: clusters.length, matching: bad.map((c) => ({ clusterId: c.clusterId, clusterName: c.clusterName, health: c.health, reason: c.healthReason })) })
        else if (bad.length === 0) session.io.out(`All ${clusters.length} clusters are below ${failOn}.\n`)
        else session.io.out(bad.map((c) => `${c.health.toUpperCase()}  ${c.clusterName} (${c.clusterId}): ${c.healthReason}\n`).join(''))
        return bad.length === 0 ? 0 : CHECK_FAILED_EXIT
      })
    )
}

async function fleet(session: CliSession): Promise<ClusterSummary[]> {
  const lists = await Promise.all((await session.connections('all')).map((c) => session.invoke('cluster/status', { connectionId: c.id })))
  return lists.flat()
}

function localZone(session: CliSession): string {
  return session.io.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}
