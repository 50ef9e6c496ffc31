import type { Command } from 'commander'
import type { PolicyFileProblem } from '#contract/commands/policy-file'
import type { Plan, PlanApplyResult } from '#contract/models/plan'
import { CliFailure, type CliSession } from '../cli-context.ts'
import { applyText, planCounts, planText, type PlanCounts } from '../format/plan-diff.ts'

type Run = (action: (session: CliSession, ...args: unknown[]) => Promise<number>) => (...args: unknown[]) => Promise<void>

/**
 * Exit codes of `plan` (as `terraform plan -detailed-exitcode`) and `apply`; docs/policy-files.md lists them.
 * A file with any problem or invalid entry is an error for both: nothing is applied from it. A skipped cluster that
 * differs from the file (an open draft holds it back) is an error for both too: CI must not call that in sync.
 */
export const PLAN_EXIT = { noChanges: 0, error: 1, changes: 2 } as const
export const APPLY_EXIT = { done: 0, failed: 1 } as const

type FilePlan = { plan: Plan; problems: [] } | { plan: null; problems: PolicyFileProblem[] }

/** `store`: apply needs the plan stored for plan/apply; plan only prints it, and writes nothing. */
async function planFile(session: CliSession, file: string, store: boolean): Promise<FilePlan> {
  const text = session.readFile(file)
  session.progress(`Planning ${file} against the policies last read from Zilliz Cloud…`)
  // With --connection, the file's cluster ids are that connection's clusters (two connections can list one id).
  const connectionId = await session.connectionOption()
  const { plan, problems } = store
    ? await session.invoke('policy/import-plan', { text, store, ...(connectionId === undefined ? {} : { connectionId }) })
    : await session.planWithoutStoring(text, connectionId)
  return plan === null ? { plan, problems } : { plan, problems: [] }
}

function problemLines(file: string, problems: readonly PolicyFileProblem[]): string {
  return problems.map((p) => `backup-desk: ${file} line ${p.line}${p.field === undefined ? '' : `, ${p.field}`}: ${p.message}\n`).join('')
}

export function registerPlanFileCommands(program: Command, run: Run): void {
  program
    .command('plan')
    .argument('<file>', 'a policy file (YAML or JSON, docs/policy-files.md)')
    .description('Show what applying a policy file would change. Exit 0: no changes, 2: changes, 1: an error, an invalid entry or a skipped cluster that differs from the file.')
    .option('--json', 'print the plan as JSON')
    .action(
      run(async (session, file, opts) => {
        const path = file as string
        const { plan, problems } = await planFile(session, path, false)
        const json = (opts as { json?: boolean }).json === true
        if (plan === null) {
          if (json) session.json({ file: path, plan: null, problems })
          else session.io.err(problemLines(path, problems))
          return PLAN_EXIT.error
        }
        const counts = planCounts(plan)
        if (json) session.json({ file: path, counts, plan, problems })
        else session.io.out(planText(plan, path))
        return planExit(counts)
      })
    )

  program
    .command('apply')
    .argument('<file>', 'a policy file (YAML or JSON, docs/policy-files.md)')
    .description('Apply a policy file: its templates are saved by name, its clusters get its policies. Exit 0: done, 1: any conflict, failure, invalid entry or skipped cluster that differs from the file.')
    .option('--yes', 'apply without asking (needed when there is no terminal, as in CI)')
    .option('--as-drafts', 'save the changes as queued drafts instead; they are pushed after the next sync')
    .option('--json', 'print the plan and the results as JSON')
    .action(
      run(async (session, file, opts) => {
        const path = file as string
        const { yes, asDrafts, json } = opts as { yes?: boolean; asDrafts?: boolean; json?: boolean }
        const { plan, problems } = await planFile(session, path, true)
        if (plan === null) {
          session.io.err(problemLines(path, problems))
          throw new CliFailure(`${path} cannot be read; nothing was applied.`, APPLY_EXIT.failed)
        }
        const counts = planCounts(plan)
        if (!json) session.io.out(planText(plan, path))
        if (counts.invalid > 0) throw new CliFailure(`${path} has ${counts.invalid} invalid entr${counts.invalid === 1 ? 'y' : 'ies'}; nothing was applied.`, APPLY_EXIT.failed)
        // A template replaced changes the drift of its clusters: it is a change to confirm like a cluster's.
        const changes = counts.change + counts.templates
        if (changes > 0 && yes !== true) await confirmApply(session, changes, asDrafts === true)
        if (changes > 0) session.progress(`Applying ${changes} change${changes === 1 ? '' : 's'}…`)
        const results = await session.invoke('plan/apply', { planId: plan.id, mode: asDrafts === true ? 'drafts' : 'now' })
        if (json) session.json({ file: path, plan, results })
        else session.io.out(applyText(plan, results))
        if (counts.blocked > 0) session.io.err(blockedLine(path, counts.blocked))
        return results.some((r) => failed(r, asDrafts === true)) || counts.blocked > 0 ? APPLY_EXIT.failed : APPLY_EXIT.done
      })
    )
}

/**
 * Changes (a cluster's or a template's) → 2. An invalid entry, or a cluster that differs from the file but is
 * skipped (an open draft holds it back) → 1: the fleet cannot be brought in line with the file by applying it.
 */
function planExit(counts: PlanCounts): number {
  if (counts.invalid > 0 || counts.blocked > 0) return PLAN_EXIT.error
  return counts.change > 0 || counts.templates > 0 ? PLAN_EXIT.changes : PLAN_EXIT.noChanges
}

function blockedLine(file: string, blocked: number): string {
  return `backup-desk: ${file}: ${blocked} skipped cluster${blocked === 1 ? '' : 's'} still differ${blocked === 1 ? 's' : ''} from the file (see above): not in sync.\n`
}

async function confirmApply(session: CliSession, changes: number, asDrafts: boolean): Promise<void> {
  const answer = await session.io.confirm(asDrafts ? `Save ${changes} change(s) as drafts?` : `Apply ${changes} change(s) to Zilliz Cloud now?`)
  if (answer === null) throw new CliFailure('Not on a terminal, so nothing was applied: add --yes to apply without asking.', APPLY_EXIT.failed)
  if (!answer) throw new CliFailure('Nothing was applied.', APPLY_EXIT.failed)
}

/** A conflict or failure always fails the run; a change left queued does too unless drafts were asked for. */
function failed(result: PlanApplyResult, asDrafts: boolean): boolean {
  return result.state === 'conflict' || result.state === 'failed' || (result.state === 'queued' && !asDrafts)
}
