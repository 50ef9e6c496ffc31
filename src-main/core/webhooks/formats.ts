import type { WebhookKind } from '#contract/models/webhook'
import { escapeSlack, escapeTeams } from './escape.ts'
import { viewOf, type MessageView, type RenderContext } from './message-view.ts'
import type { WebhookEvent } from './webhook-event.ts'

/** Slack header blocks take at most 150 characters of plain text. */
const SLACK_HEADER_MAX = 150
const SEVERITY_EMOJI = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const
const TEAMS_COLOR = { info: 'Default', warning: 'Warning', critical: 'Attention' } as const

/** The request body for a destination of this kind (docs/webhooks.md shows each). */
export function renderBody(kind: WebhookKind, event: WebhookEvent, ctx: RenderContext): string {
  switch (kind) {
    case 'json':
      return JSON.stringify({ ...event, prefix: ctx.prefix, late: ctx.late })
    case 'slack':
      return JSON.stringify(slackMessage(viewOf(event, ctx)))
    case 'teams':
      return JSON.stringify(teamsMessage(viewOf(event, ctx)))
  }
}

function slackMessage(v: MessageView): object {
  const header = v.title.length > SLACK_HEADER_MAX ? `${v.title.slice(0, SLACK_HEADER_MAX - 1)}…` : v.title
  const facts = v.facts.map((f) => `*${f.label}:* ${escapeSlack(f.value)}`).join('  ·  ')
  return {
    // The fallback shown in notifications and by clients without blocks.
    text: `${SEVERITY_EMOJI[v.severity]} ${escapeSlack(v.title)}`,
    blocks: [
      // plain_text: Slack parses no markup or links in it at all.
      { type: 'header', text: { type: 'plain_text', text: header, emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(v.text) } },
      ...(v.items.length === 0 ? [] : [{ type: 'section', text: { type: 'mrkdwn', text: v.items.map((i) => `• ${escapeSlack(i)}`).join('\n') } }]),
      ...(facts === '' ? [] : [{ type: 'context', elements: [{ type: 'mrkdwn', text: facts }] }])
    ]
  }
}

function teamsMessage(v: MessageView): object {
  const body: object[] = [
    { type: 'TextBlock', text: escapeTeams(v.title), weight: 'Bolder', size: 'Medium', wrap: true, color: TEAMS_COLOR[v.severity] },
    { type: 'TextBlock', text: escapeTeams(v.text), wrap: true },
    ...v.items.map((i) => ({ type: 'TextBlock', text: escapeTeams(i), wrap: true, spacing: 'None' }))
  ]
  if (v.facts.length > 0) body.push({ type: 'FactSet', facts: v.facts.map((f) => ({ title: escapeTeams(f.label), value: escapeTeams(f.value) })) })
  // A Teams "Workflows" webhook takes a message with one Adaptive Card attachment.
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body }
      }
    ]
  }
}
