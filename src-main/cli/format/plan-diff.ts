import type { Plan, PlanApplyResult, PlanItem } from '#contract/models/plan'
import type { BackupPolicy } from '#contract/models/policy'
import { countNoun } from '#contract/policy-text'

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

/** `retentionDays: 7 → 14` for each field that differs. */
export function fieldChanges(before: BackupPolicy | null, after: BackupPolicy | null): string[] {
  return FIELDS.filter((f) => valueOf(before, f) !== valueOf(after, f)).map((f) => `${f}: ${valueOf(before, f)} → ${valueOf(after, f)}`)
}

export type PlanCounts = Record<PlanItem['verdict'], number>

export function planCounts(plan: Plan): PlanCounts {
  const counts: PlanCounts = { change: 0, same: 0, skip: 0, invalid: 0 }
  for (const item of plan.items) counts[item.verdict] += 1
  return counts
}

function where(item: PlanItem): string {
  if (item.source === undefined) return ''
  return ` (line ${item.source.line}${item.source.field === undefined ? '' : `, ${item.source.field}`})`
}

function title(item: PlanItem): string {
  const project = item.projectName === '' ? '' : ` · ${item.projectName}`
  return item.clusterName === item.clusterId ? item.clusterId : `${item.clusterName} ${item.clusterId}${project}`
}

/** The whole plan: a summary line, then `~` changes with their fields, `!` invalid entries and `-` skipped clusters. */
export function planText(plan: Plan, fileName: string): string {
  const counts = planCounts(plan)
  const lines = [
    `${fileName}: ${counts.change} to change, ${counts.same} unchanged, ${counts.skip} skipped, ${counts.invalid} invalid.`
  ]
  if (plan.startsBackups > 0) {
    lines.push(`Enabling automatic backups starts a backup at once on ${countNoun(plan.startsBackups, 'cluster')}.`)
  }
  for (const item of plan.items) {
    if (item.verdict === 'change') {
      const template = item.templateName === undefined ? '' : ` [template ${item.templateName}]`
      lines.push('', `~ ${title(item)}${template}${where(item)}`, ...fieldChanges(item.before, item.after).map((c) => `    ${c}`))
    } else if (item.verdict === 'invalid') {
      lines.push('', `! ${title(item)}${where(item)}: ${item.reason ?? 'invalid'}`)
    } else if (item.verdict === 'skip') {
      lines.push('', `- ${title(item)}${where(item)}: skipped, ${item.reason ?? ''}`)
    }
  }
  return lines.join('\n') + '\n'
}

const STATE_WORDS: Record<PlanApplyResult['state'], string> = {
  applied: 'applied',
  unchanged: 'unchanged',
  conflict: 'CONFLICT',
  failed: 'FAILED',
  skipped: 'skipped',
  queued: 'queued as a draft'
}

/** One line per cluster that was acted on or refused; unchanged ones are counted. */
export function applyText(plan: Plan, results: readonly PlanApplyResult[]): string {
  const names = new Map(plan.items.map((i) => [i.clusterId, title(i)]))
  const lines = results
    .filter((r) => r.state !== 'unchanged')
    .map((r) => `${STATE_WORDS[r.state]}  ${names.get(r.clusterId) ?? r.clusterId}${r.error === undefined ? '' : `: ${r.error}`}`)
  const count = (state: PlanApplyResult['state']): number => results.filter((r) => r.state === state).length
  lines.push(
    `${count('applied')} applied, ${count('queued')} queued, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('conflict')} conflicts, ${count('failed')} failed.`
  )
  return lines.join('\n') + '\n'
}
