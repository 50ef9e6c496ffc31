import { describe, expect, it } from 'vitest'
import type { Notification } from '#contract/models/notification'
import { renderBody } from '#core/webhooks/formats'
import { noticeEvent, type NoticeEvent } from '#core/webhooks/webhook-event'

const HOSTILE = '<!channel> <https://evil.example|click> [click](https://evil.example) *bold* & co'

const notice: Notification = {
  id: '7',
  kind: 'failed',
  clusterId: 'in01-abc',
  slot: '2026-03-02T10:00:00.000Z',
  title: `BACKUP job failed: ${HOSTILE}`,
  body: `Job job-1 of ${HOSTILE} ended FAILED.`,
  severity: 'critical',
  createdAt: '2026-03-02T10:05:00.000Z',
  read: false
}

const context = { connectionId: 'conn-1', connectionName: HOSTILE, clusterName: HOSTILE, projectId: 'proj-1', projectName: HOSTILE }
const event: NoticeEvent = noticeEvent(notice, 'in01-abc|failed|1772445600000', context)

type SlackBlock = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }

describe('webhook formats', () => {
  it('gives one notice a stable event id: the same key always yields the same id, another key another', () => {
    expect(noticeEvent(notice, 'in01-abc|failed|1772445600000', null).eventId).toBe(event.eventId)
    expect(noticeEvent(notice, 'in01-abc|failed|1772445600001', null).eventId).not.toBe(event.eventId)
  })

  it('renders Slack blocks in which a hostile name can form neither a link nor a mention', () => {
    const body = JSON.parse(renderBody('slack', event, { prefix: '[prod]', late: false })) as { text: string; blocks: SlackBlock[] }
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context'])
    expect(body.blocks[0]?.text).toMatchObject({ type: 'plain_text' })
    expect(body.blocks[0]?.text?.text.startsWith('[prod] BACKUP job failed:')).toBe(true)
    const mrkdwn = [body.text, body.blocks[1]?.text?.text ?? '', body.blocks[2]?.elements?.[0]?.text ?? '']
    for (const text of mrkdwn) {
      expect(text).not.toMatch(/[<>]/)
      expect(text).not.toContain('https://')
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/)
    }
    expect(body.blocks[1]?.text?.text).toContain('&lt;!channel&gt; &lt;https:\u2060//evil.example|click&gt;')
    expect(body.blocks[2]?.elements?.[0]?.text).toContain('*Cluster:* ')
  })

  it('renders a Teams workflow message with one Adaptive Card whose Markdown cannot form a link', () => {
    const body = JSON.parse(renderBody('teams', event, { prefix: '', late: true })) as {
      type: string
      attachments: { contentType: string; content: { type: string; version: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[] } }[]
    }
    expect(body.type).toBe('message')
    expect(body.attachments).toHaveLength(1)
    const card = body.attachments[0]
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(card?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' })
    const texts = (card?.content.body ?? []).flatMap((b) => [b.text ?? '', ...(b.facts ?? []).flatMap((f) => [f.title, f.value])])
    for (const text of texts) {
      // Every Markdown bracket or emphasis character is escaped: none stands alone.
      expect(text).not.toMatch(/(?<!\\)[[\]()*<>]/)
      expect(text).not.toContain('https://')
    }
    expect(texts).toContain('Delivered late')
    expect(texts.join('\n')).toContain('\\[click\\]\\(https:\u2060//evil.example\\)')
  })

  it('sends the generic JSON payload unescaped, as data, with prefix and late added', () => {
    const body = JSON.parse(renderBody('json', event, { prefix: '[prod]', late: true })) as Record<string, unknown>
    expect(body).toEqual({ ...event, prefix: '[prod]', late: true })
    expect(body.cluster).toEqual({ id: 'in01-abc', name: HOSTILE })
  })
})
