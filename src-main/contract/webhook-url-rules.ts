/**
 * Which webhook URLs are accepted, free of zod so that the add form checks as the core does (one rule): https
 * anywhere, plain http only on a loopback address (a local relay, the tests), where nothing crosses the network.
 * The messages never repeat the URL: it is a secret (docs/webhooks.md).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; problem: string }

export function checkWebhookUrl(raw: string): WebhookUrlCheck {
  const url = URL.parse(raw.trim())
  if (url === null) return { ok: false, problem: 'Paste the full webhook URL, starting with https://.' }
  const isLoopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.')
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback)) return { ok: true, url }
  return { ok: false, problem: 'The webhook URL must start with https:// (http is allowed on this computer only).' }
}
