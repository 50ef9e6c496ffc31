import type { Plan, PlanApplyResult, PlanItem, PlanTemplate } from '#contract/models/plan'
import type { BackupPolicy } from '#contract/models/policy'
import { countNoun } from '#contract/policy-text'
import { isSkippedNotAsWanted, templatesToSave } from '#contract/plan-rules'
import { planOutcome, type PlanOutcome } from '#core/plan/plan-outcome'

/*
 * A plan as a reviewable diff for the terminal, in the policy file's own field names (docs/policy-files.md), so
 * a reviewer can match each line to the file. Unchanged clusters are counted, not listed.
 */

type Field = 'enabled' | 'frequency' | 'startTime' | 'retentionDays' | 'crossRegionCopies'
const FIELDS: readonly Field[] = ['enabled', 'frequency', 'startTime', 'retentionDays', 'crossRegionCopies']

/** One field's value as the file writes it; a switched-off policy has only `enabled`. */
function valueOf(policy: BackupPolicy | null, field: Field): string {
  if (policy === null) return '(not read)'
  if (field === 'enabled') return String(policy.enabled)
  if (!policy.enabled) return '—'
  if (field === 'crossRegionCopies') {
    const copies = [...(policy.crossRegionCopies ?? [])].sort((a, b) => a.regionId.localeCompare(b.regionId))
    return copies.length === 0 ? 'none' : copies.map((c) => `${c.regionId} ${c.retentionDays}d`).join(', ')
  }
  return String(policy[field])
}

/** `retentionDays: 14` for each field a policy has (a switched-off one has only `enabled`). */
function policyLines(policy: BackupPolicy): string[] {
  return FIELDS.filter((f) => valueOf(policy, f) !== '—').map((f) => `${f}: ${valueOf(policy, f)}`)
}

/** `retentionDays: 7 → 14` for each field that differs. */
export function fieldChanges(before: BackupPolicy | null, after: BackupPolicy | null): string[] {
  return FIELDS.filter((f) => valueOf(before, f) !== valueOf(after, f)).map((f) => `${f}: ${valueOf(before, f)} → ${valueOf(after, f)}`)
}

export type PlanCounts = PlanOutcome

/** The plan's tally, by the core's rule (core/plan/plan-outcome.ts), so the exit codes mean what the app shows. */
export function planCounts(plan: Plan): PlanCounts {
  return planOutcome(plan)
}

function where(item: PlanItem): string {
  if (item.source === undefined) return ''
  return ` (line ${item.source.line}${item.source.field === undefined ? '' : `, ${item.source.field}`})`
}

function title(item: PlanItem): string {
  const project = item.projectName === '' ? '' : ` · ${item.projectName}`
  return item.clusterName === item.clusterId ? item.clusterId : `${item.clusterName} ${item.clusterId}${project}`
}

function summaryLine(fileName: string, counts: PlanCounts): string {
  const templates = counts.templates === 0 ? '' : `, ${countNoun(counts.templates, 'template')} to save`
  const blocked = counts.blocked === 0 ? '' : ` ${counts.blocked} skipped ${counts.blocked === 1 ? 'differs' : 'differ'} from the file: not in sync.`
  return `${fileName}: ${counts.change} to change${templates}, ${counts.same} unchanged, ${counts.skip} skipped, ${counts.invalid} invalid.${blocked}`
}

/**
 * The whole plan: a summary line, the file's templates (`+` added, `~` replaced with their fields and the other
 * assigned clusters whose drift moves), then `~` changes with their fields, `!` invalid entries and `-` skipped
 * clusters, with the fields a skipped one still differs on.
 */
export function planText(plan: Plan, fileName: string): string {
  const lines = [summaryLine(fileName, planCounts(plan))]
  if (plan.startsBackups > 0) {
    lines.push(`Enabling automatic backups starts a backup at once on ${countNoun(plan.startsBackups, 'cluster')}.`)
  }
  for (const template of plan.templates ?? []) lines.push(...templateLines(template))
  for (const item of plan.items) {
    if (item.verdict === 'change') {
      const template = item.templateName === undefined ? '' : ` [template ${item.templateName}]`
      lines.push('', `~ ${title(item)}${template}${where(item)}`, ...indented(fieldChanges(item.before, item.after)))
    } else if (item.verdict === 'invalid') {
      lines.push('', `! ${title(item)}${where(item)}: ${item.reason ?? 'invalid'}`)
    } else if (item.verdict === 'skip') {
      const differs = isSkippedNotAsWanted(item) ? fieldChanges(item.before, item.after) : []
      lines.push('', `- ${title(item)}${where(item)}: skipped, ${item.reason ?? ''}`, ...indented(differs))
    }
  }
  return lines.join('\n') + '\n'
}

function indented(lines: readonly string[]): string[] {
  return lines.map((l) => `    ${l}`)
}

/** An unchanged template is not listed: applying leaves it as it is. */
function templateLines(template: PlanTemplate): string[] {
  if (template.change === 'added') return ['', `+ template ${template.name} (new)`, ...indented(policyLines(template.policy))]
  if (template.change !== 'changed') return []
  const lines = ['', `~ template ${template.name} (replaced)`, ...indented(fieldChanges(template.before ?? null, template.policy))]
  for (const moved of template.affects ?? []) {
    lines.push(`    drift of ${moved.clusterName} ${moved.clusterId} (assigned, not in the file): ${driftText(moved.driftBefore)} → ${driftText(moved.driftAfter)}`)
  }
  return lines
}

function driftText(fields: readonly string[]): string {
  return fields.length === 0 ? 'none' : fields.join(', ')
}

const STATE_WORDS: Record<PlanApplyResult['state'], string> = {
  applied: 'applied',
  unchanged: 'unchanged',
  conflict: 'CONFLICT',
  failed: 'FAILED',
  skipped: 'skipped',
  queued: 'queued as a draft'
}

/**
 * The saved templates, then one line per cluster that was acted on or refused (unchanged ones are counted). A
 * conflict leaves its draft open, which the command line cannot resolve: the output says where to.
 */
export function applyText(plan: Plan, results: readonly PlanApplyResult[]): string {
  const names = new Map(plan.items.map((i) => [i.clusterId, title(i)]))
  const lines = savedTemplateLines(plan)
  lines.push(...results
    .filter((r) => r.state !== 'unchanged')
    .map((r) => `${STATE_WORDS[r.state]}  ${names.get(r.clusterId) ?? r.clusterId}${r.error === undefined ? '' : `: ${r.error}`}`))
  const count = (state: PlanApplyResult['state']): number => results.filter((r) => r.state === state).length
  lines.push(
    `${count('applied')} applied, ${count('queued')} queued, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('conflict')} conflicts, ${count('failed')} failed.`
  )
  if (count('conflict') > 0) lines.push(CONFLICT_HINT)
  return lines.join('\n') + '\n'
}

const CONFLICT_HINT =
  "A conflict leaves its draft open: push or discard it in the app's Drafts view (the command line has no drafts command); until then plan and apply list the cluster as skipped and exit 1."

function savedTemplateLines(plan: Plan): string[] {
  return templatesToSave(plan.templates)
    .map((t) => {
      const moved = t.affects?.length ?? 0
      const drift = moved === 0 ? '' : `; the drift of ${countNoun(moved, 'other assigned cluster')} moves`
      return `template ${t.name} ${t.change === 'added' ? 'created' : 'replaced'}${drift}`
    })
}
