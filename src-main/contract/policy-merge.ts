import type { BackupPolicy } from './models/policy.ts'
import { parseFrequency } from './policy-rules.ts'

/*
 * The three-way merge of a policy draft, free of zod so that the Drafts screen shows exactly the fields the
 * core will ask about. base = the remote policy the draft was made from; remote = the remote policy now;
 * mine = the draft. A field changed on one side only takes that side's value; only a field changed on both
 * sides to different values needs the admin's choice. So "keep mine" never reverts a colleague's change to a
 * field the draft did not touch.
 */

export const MERGE_FIELDS = ['enabled', 'frequency', 'startTime', 'retentionDays', 'crossRegionCopies'] as const
export type MergeField = (typeof MERGE_FIELDS)[number]
export type MergeChoice = 'mine' | 'remote'

/** Words for each field, the same on every screen. */
export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  enabled: 'Automatic backups on/off',
  frequency: 'Weekdays',
  startTime: 'Window (UTC)',
  retentionDays: 'Retention',
  crossRegionCopies: 'Cross-region copies'
}

export type PolicyMerge = {
  /** Every field merged; a conflicting field takes the choice given, or mine when none was given. */
  merged: BackupPolicy
  /** Fields both sides changed to different values. Empty when the merge needs no choice. */
  conflicts: MergeField[]
  /** Fields that took the remote's value because only the remote changed them. */
  fromRemote: MergeField[]
}

/** One field of two policies means the same to the API (weekday order and copy order ignored). */
export function sameField(field: MergeField, a: BackupPolicy, b: BackupPolicy): boolean {
  switch (field) {
    case 'enabled':
      return a.enabled === b.enabled
    case 'frequency':
      return parseFrequency(a.frequency).join(',') === parseFrequency(b.frequency).join(',') && (a.frequency === '') === (b.frequency === '')
    case 'startTime':
      return a.startTime === b.startTime
    case 'retentionDays':
      return a.retentionDays === b.retentionDays
    case 'crossRegionCopies':
      return copiesKey(a) === copiesKey(b)
  }
}

/**
 * Merges `mine` onto `remote` relative to `base`. With no base (drafted before any sync) every field that
 * differs between remote and mine is a conflict.
 */
export function mergePolicies(
  base: BackupPolicy | null,
  remote: BackupPolicy,
  mine: BackupPolicy,
  choices: Partial<Record<MergeField, MergeChoice>> = {}
): PolicyMerge {
  const merged: BackupPolicy = { ...remote }
  const conflicts: MergeField[] = []
  const fromRemote: MergeField[] = []
  for (const field of MERGE_FIELDS) {
    if (sameField(field, remote, mine)) continue
    const mineChanged = base === null || !sameField(field, base, mine)
    const remoteChanged = base === null || !sameField(field, base, remote)
    if (mineChanged && remoteChanged) {
      conflicts.push(field)
      if ((choices[field] ?? 'mine') === 'mine') assign(merged, mine, field)
    } else if (mineChanged) {
      assign(merged, mine, field)
    } else {
      fromRemote.push(field)
    }
  }
  if (merged.crossRegionCopies === undefined) delete merged.crossRegionCopies
  return { merged, conflicts, fromRemote }
}

function assign(target: BackupPolicy, source: BackupPolicy, field: MergeField): void {
  switch (field) {
    case 'enabled':
      target.enabled = source.enabled
      return
    case 'frequency':
      target.frequency = source.frequency
      return
    case 'startTime':
      target.startTime = source.startTime
      return
    case 'retentionDays':
      target.retentionDays = source.retentionDays
      return
    case 'crossRegionCopies':
      if (source.crossRegionCopies === undefined) delete target.crossRegionCopies
      else target.crossRegionCopies = source.crossRegionCopies.map((c) => ({ ...c }))
  }
}

function copiesKey(p: BackupPolicy): string {
  return JSON.stringify([...(p.crossRegionCopies ?? [])].sort((x, y) => x.regionId.localeCompare(y.regionId)))
}
