import { policyFileCommands } from '#contract/commands/policy-file'
import type { Envelope } from '#contract/envelope'
import type { OpenedStore } from '../open-store.ts'
import { PlanBuilder } from '../plan/plan-builder.ts'
import { runCommand } from '../run-command.ts'
import { importPolicyFile, type ImportPlanResult } from './import-policy-file.ts'

const COMMAND = 'policy/import-plan'

/**
 * `policy/import-plan` with `store: false` (`backup-desk plan FILE`) on the store alone: the same command, input
 * schema, file reader and plan engine as the whole core's, without composing the rest of it (the sync engine,
 * connections, keychain, scheduler and every other command's schema), which a plan that sends and stores nothing
 * never uses. That keeps a cold `plan` of 1,000 clusters within its budget (bench/cli-start.bench.ts).
 */
export function planPolicyFileOnStore(store: OpenedStore, text: string, now: () => number, connectionId?: string): Promise<Envelope<ImportPlanResult>> {
  const builder = new PlanBuilder({ db: store.db, now })
  const input = { text, store: false, ...(connectionId === undefined ? {} : { connectionId }) }
  return runCommand(COMMAND, policyFileCommands[COMMAND].input, (parsed) => importPolicyFile(builder, parsed.text, { store: false, connectionId: parsed.connectionId }), input, store.logger)
}
