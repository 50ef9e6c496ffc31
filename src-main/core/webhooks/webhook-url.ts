import { CoreError } from '#contract/errors'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A destination URL must be https; plain http only on a loopback address (a local relay, the tests), where
 * nothing crosses the network. Errors name the field, never the value: the URL is a secret (docs/webhooks.md).
 */
export function parseWebhookUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new CoreError('input/invalid', 'The webhook URL is not a valid URL.', { field: 'url' })
  }
  const isLoopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.')
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback)) return url
  throw new CoreError('input/invalid', 'The webhook URL must start with https:// (http is allowed on this computer only).', { field: 'url' })
}

/**
 * What the renderer may see of a URL: its host (not secret: hooks.slack.com) and the last four characters,
 * like an API key's hint. Short URLs show no characters at all.
 */
export function urlHint(url: URL): string {
  const text = url.toString()
  return text.length < 24 ? `${url.host}/••••` : `${url.host}/••••${text.slice(-4)}`
}
