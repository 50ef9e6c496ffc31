import { isHttpsOrLoopback } from './loopback-url.ts'

/**
 * Which webhook URLs are accepted, free of zod so that the add form checks as the core does (one rule): https
 * anywhere, plain http only on a loopback address (a local relay, the tests; contract/loopback-url.ts, the same
 * rule as the API base URL), where nothing crosses the network.
 * The messages never repeat the URL: it is a secret (docs/webhooks.md).
 */

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; problem: string }

export function checkWebhookUrl(raw: string): WebhookUrlCheck {
  const url = URL.parse(raw.trim())
  if (url === null) return { ok: false, problem: 'Paste the full webhook URL, starting with https://.' }
  if (isHttpsOrLoopback(url)) return { ok: true, url }
  return { ok: false, problem: 'The webhook URL must start with https:// (http is allowed on this computer only).' }
}
