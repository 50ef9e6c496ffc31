import type { WebhookDelivery, WebhookKind } from '#contract/models/webhook'
import type { BadgeTone } from '../../../lib/ui/StatusBadge.svelte'

export const KIND_LABELS: Record<WebhookKind, string> = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
  json: 'Generic JSON'
}

export const URL_PLACEHOLDERS: Record<WebhookKind, string> = {
  slack: 'https://hooks.slack.com/services/…',
  teams: 'https://…/workflows/… (Teams Workflows webhook)',
  json: 'https://example.com/backup-alerts'
}

export const RESULT_LABELS: Record<WebhookDelivery['result'], { label: string; tone: BadgeTone }> = {
  delivered: { label: 'Delivered', tone: 'ok' },
  retrying: { label: 'Will retry', tone: 'warning' },
  rejected: { label: 'Refused', tone: 'critical' },
  'gave-up': { label: 'Given up', tone: 'critical' },
  'test-ok': { label: 'Test delivered', tone: 'ok' },
  'test-failed': { label: 'Test failed', tone: 'critical' }
}

/** A notice kind as a word: `expiring` → `Expiring`. */
export function kindWord(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1)
}
