import { CoreError } from '#contract/errors'

/** Plain http is allowed only to this machine: the local emulator. Anything else would send the key in clear. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Validates and normalizes a control-plane base URL to `scheme://host[:port][/prefix]` without a trailing
 * slash, so that `base + '/v2/...'` is always well formed. A `/v2` suffix is dropped because every route
 * path already starts with `/v2/` (TF stores its template with it).
 */
export function normalizeBaseUrl(input: string): string {
  const url = URL.parse(input.trim())
  if (url === null) throw new CoreError('input/invalid', 'The API base URL is not a valid URL.')
  const isLoopback = LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new CoreError('input/invalid', 'The API base URL must use https:// (plain http only for 127.0.0.1 or localhost).')
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new CoreError('input/invalid', 'The API base URL must not carry credentials, a query or a fragment.')
  }
  let path = url.pathname.replace(/\/+$/, '')
  if (path.endsWith('/v2')) path = path.slice(0, -3)
  return `${url.protocol}//${url.host}${path}`
}
