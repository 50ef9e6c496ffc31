import { utcText } from '../schedule/messages.ts'
import type { DigestEvent, NoticeEvent, WebhookEvent } from './webhook-event.ts'

/**
 * What a chat message says, before any markup: Slack and Teams render the same view, so wording and facts
 * cannot drift between them. All strings here are plain text, possibly hostile (names come from the API);
 * each renderer escapes them for its own markup.
 */
export type MessageView = {
  title: string
  severity: NoticeEvent['severity']
  text: string
  facts: { label: string; value: string }[]
  /** Digest lines, one per notice. */
  items: string[]
}

export type RenderContext = {
  prefix: string
  /** Delivered well after it was raised: the message says so. */
  late: boolean
}

/** Digest messages list at most this many notices; the rest are counted. */
const DIGEST_ITEM_LIMIT = 20

const SEVERITY_TEXT = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const

function withPrefix(prefix: string, title: string): string {
  return prefix === '' ? title : `${prefix} ${title}`
}

export function viewOf(event: WebhookEvent, ctx: RenderContext): MessageView {
  if (event.kind === 'digest') return digestView(event, ctx)
  if (event.kind === 'test') return { title: withPrefix(ctx.prefix, event.title), severity: 'info', text: event.body, facts: [], items: [] }
  return noticeView(event, ctx)
}

function lateFact(ctx: RenderContext, raisedIso: string): { label: string; value: string }[] {
  return ctx.late ? [{ label: 'Delivered late', value: `raised ${utcText(Date.parse(raisedIso))}` }] : []
}

function noticeView(e: NoticeEvent, ctx: RenderContext): MessageView {
  const cluster = e.cluster.name === null ? e.cluster.id : `${e.cluster.name} (${e.cluster.id})`
  const facts = [
    { label: 'Severity', value: SEVERITY_TEXT[e.severity] },
    { label: 'Cluster', value: cluster },
    ...(e.project === null ? [] : [{ label: 'Project', value: e.project.name ?? e.project.id }]),
    ...(e.connection === null ? [] : [{ label: 'Connection', value: e.connection.name }]),
    ...(e.backup === null ? [] : [{ label: 'Backup', value: e.backup.id }]),
    { label: 'Raised', value: utcText(Date.parse(e.time)) },
    ...lateFact(ctx, e.time)
  ]
  return { title: withPrefix(ctx.prefix, e.title), severity: e.severity, text: e.body, facts, items: [] }
}

/**
 * One notice of a digest: its severity, the organization (connection) it is about, and its title. With two
 * connections the same cluster name (or id) may be in both; a line without its connection cannot be acted on.
 */
function digestLine(n: NoticeEvent): string {
  return n.connection === null ? `${SEVERITY_TEXT[n.severity]}: ${n.title}` : `${SEVERITY_TEXT[n.severity]}: [${n.connection.name}] ${n.title}`
}

function digestView(e: DigestEvent, ctx: RenderContext): MessageView {
  const f = e.fleet
  const text =
    `Fleet: ${String(f.clusters)} clusters — ${String(f.ok)} ok, ${String(f.pending)} pending, ${String(f.warning)} warning, ` +
    `${String(f.failing)} failing, ${String(f.unknown)} unknown. ` +
    `${String(e.notices.length)} notice${e.notices.length === 1 ? '' : 's'} from ${utcText(Date.parse(e.period.from))} to ${utcText(Date.parse(e.period.to))}.`
  const items = e.notices.slice(0, DIGEST_ITEM_LIMIT).map(digestLine)
  const more = e.notices.length - items.length
  if (more > 0) items.push(`…and ${String(more)} more`)
  return { title: withPrefix(ctx.prefix, e.title), severity: e.severity, text, facts: lateFact(ctx, e.time), items }
}
