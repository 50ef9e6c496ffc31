import type { Command } from 'commander'
import type { ClusterSummary } from '#contract/commands/cluster'
import type { Connection } from '#contract/models/connection'
import { systemClock } from '#core/lib/clock'
import { CliFailure, type CliSession } from '../cli-context.ts'
import { atOrAbove, statusTable } from '../format/status-rows.ts'
import { connectionSync, freshnessLine, type ConnectionSync } from '../format/sync-freshness.ts'

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
    .description('The fleet as a table: policy, next window (local and UTC), newest backup, health; then when each organization was last synced.')
    .option('--json', 'print JSON instead of a table')
    .action(
      run(async (session, opts) => {
        const { clusters, syncs } = await fleet(session)
        if ((opts as { json?: boolean }).json === true) {
          // Each row is a cluster/status summary plus its organization's name and sync state (docs/cli.md).
          const byId = new Map(syncs.map((s) => [s.connectionId, s]))
          session.json(
            clusters.map((c) => {
              const sync = byId.get(c.connectionId)
              return { ...c, connectionName: sync?.connectionName ?? null, connectionSyncedAt: sync?.syncedAt ?? null, connectionSyncError: sync?.lastSyncError ?? null }
            })
          )
        } else {
          const names = new Map(syncs.map((s) => [s.connectionId, s.connectionName]))
          session.io.out(statusTable(clusters, names, localZone(session)) + '\n' + freshness(syncs))
        }
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
        const { clusters, syncs } = await fleet(session)
        const names = new Map(syncs.map((s) => [s.connectionId, s.connectionName]))
        const bad = atOrAbove(clusters, failOn)
        if (json === true) {
          session.json({
            failOn,
            clusters: clusters.length,
            matching: bad.map((c) => ({
              clusterId: c.clusterId,
              clusterName: c.clusterName,
              health: c.health,
              reason: c.healthReason,
              connectionId: c.connectionId,
              connectionName: names.get(c.connectionId) ?? null
            })),
            connections: syncs
          })
        } else {
          // With more than one organization, the same cluster name may be in two of them: each line says whose it is.
          const whose = (c: ClusterSummary): string => (names.size > 1 ? ` in ${names.get(c.connectionId) ?? c.connectionId}` : '')
          const verdict =
            bad.length === 0
              ? `All ${clusters.length} clusters are below ${failOn}.\n`
              : bad.map((c) => `${c.health.toUpperCase()}  ${c.clusterName} (${c.clusterId})${whose(c)}: ${c.healthReason}\n`).join('')
          session.io.out(verdict + freshness(syncs))
        }
        return bad.length === 0 ? 0 : CHECK_FAILED_EXIT
      })
    )
}

/** The clusters of every connection in scope (all, or the one --connection names) and each one's stored sync state. */
async function fleet(session: CliSession): Promise<{ clusters: ClusterSummary[]; syncs: ConnectionSync[] }> {
  const connections: Connection[] = await session.connections('all')
  const [lists, statuses] = await Promise.all([
    Promise.all(connections.map((c) => session.invoke('cluster/status', { connectionId: c.id }))),
    session.invoke('sync/status', {})
  ])
  const syncs = connections.map((c) => connectionSync(c, statuses.find((s) => s.connectionId === c.id)))
  return { clusters: lists.flat(), syncs }
}

/** One line per organization: when its data was synced, or why not, and the command that refreshes it. */
function freshness(syncs: readonly ConnectionSync[]): string {
  const now = systemClock.now()
  return syncs.map((s) => freshnessLine(s, now) + '\n').join('')
}

function localZone(session: CliSession): string {
  return session.io.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}
