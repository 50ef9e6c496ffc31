import type { BackupPolicy } from '#contract/models/policy'
import type { PlanItem } from '#contract/models/plan'
import { lintPolicy, type LintContext, type LintFinding, type LintSeverity } from '#contract/policy-lint'
import type { CoreClient } from '../core-client/core-client.ts'
import { localTimeZone } from '../ui/format.ts'

/*
 * Policy lint as the renderer shows it before anything is applied, in the policy editor and in "Review changes":
 * the contract's one rule module (contract/policy-lint.ts) in the admin's time zone, without the rules switched
 * off in Settings. The core lints mirrored policies with the same module (core/fleet/cluster-lint.ts).
 */

export function policyAdvice(policy: BackupPolicy, context: LintContext, nowMs: number, rulesOff: readonly string[]): LintFinding[] {
  return lintPolicy({ policy, ...context, timeZone: localTimeZone(), nowMs, rulesOff })
}

/** The rule ids switched off in Settings; every rule stays on when they cannot be read. */
export async function readLintRulesOff(core: CoreClient): Promise<string[]> {
  const result = await core.invoke('protection-settings/get', {})
  return result.ok ? result.value.lintRulesOff : []
}

/**
 * Advice on the policy a plan item would set: for a change, and for a skipped cluster whose target policy is known
 * (so the reason it cannot take it shows as advice too). Unchanged and invalid items get none.
 */
export function planItemAdvice(item: PlanItem, connectionTag: string | null, nowMs: number, rulesOff: readonly string[]): LintFinding[] {
  if (item.after === null || item.regionId === undefined || (item.verdict !== 'change' && item.verdict !== 'skip')) return []
  return policyAdvice(item.after, { regionId: item.regionId, projectName: item.projectName, connectionTag }, nowMs, rulesOff)
}

type AdviceCounts = Record<LintSeverity, number>

export function countAdvice(findings: Iterable<readonly LintFinding[]>): AdviceCounts {
  const counts: AdviceCounts = { error: 0, warning: 0, info: 0 }
  for (const list of findings) for (const finding of list) counts[finding.severity] += 1
  return counts
}

const SEVERITY_NOUNS: Record<LintSeverity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] }

/** "1 error, 2 warnings" (severities with no finding left out); empty when there is nothing to say. */
export function adviceCountText(counts: AdviceCounts): string {
  return (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${SEVERITY_NOUNS[s][counts[s] === 1 ? 0 : 1]}`)
    .join(', ')
}
