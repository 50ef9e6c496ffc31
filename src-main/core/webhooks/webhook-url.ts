import { CoreError } from '#contract/errors'
import { checkWebhookUrl } from '#contract/webhook-url-rules'

/** The URL if acceptable (contract/webhook-url-rules.ts); else `input/invalid` naming the field, never the value. */
export function parseWebhookUrl(raw: string): URL {
  const checked = checkWebhookUrl(raw)
  if (checked.ok) return checked.url
  throw new CoreError('input/invalid', checked.problem, { field: 'url' })
}

/**
 * What the renderer may see of a URL: its host (not secret: hooks.slack.com) and the last four characters,
 * like an API key's hint. Short URLs show no characters at all.
 */
export function urlHint(url: URL): string {
  const text = url.toString()
  return text.length < 24 ? `${url.host}/••••` : `${url.host}/••••${text.slice(-4)}`
}
