import type { DraftState } from '#contract/models/draft'
import type { BadgeTone } from '../../lib/ui/StatusBadge.svelte'

/** Every draft state as words (the colour only repeats them). */
export const DRAFT_STATE_LABELS: Record<DraftState, { label: string; tone: BadgeTone; description: string }> = {
  local: { label: 'Local', tone: 'neutral', description: 'Saved on this computer, not pushed yet.' },
  queued: { label: 'Queued', tone: 'info', description: 'Pushed by itself once Zilliz Cloud answers this connection again (reachable, with its API key).' },
  syncing: { label: 'Syncing', tone: 'info', description: 'Being pushed right now.' },
  synced: { label: 'Synced', tone: 'ok', description: 'Pushed and confirmed by Zilliz Cloud.' },
  conflict: { label: 'Conflict', tone: 'critical', description: 'The policy changed elsewhere since this draft was made. Nothing was written.' },
  failed: { label: 'Failed', tone: 'critical', description: 'Zilliz Cloud refused the policy.' }
}

export function canPush(state: DraftState): boolean {
  return state === 'local' || state === 'failed' || state === 'queued'
}
