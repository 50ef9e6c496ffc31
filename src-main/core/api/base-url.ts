import { CoreError } from '#contract/errors'
import { isHttpsOrLoopback } from '#contract/loopback-url'

/**
 * Validates and normalizes a control-plane base URL to `scheme://host[:port][/prefix]` without a trailing
 * slash, so that `base + '/v2/...'` is always well formed. A `/v2` suffix is dropped because every route
 * path already starts with `/v2/` (TF stores its template with it).
 */
export function normalizeBaseUrl(input: string): string {
  const url = URL.parse(input.trim())
  if (url === null) throw new CoreError('input/invalid', 'The API base URL is not a valid URL.')
  // Plain http only to this computer (the local emulator): anything else would send the API key in clear.
  if (!isHttpsOrLoopback(url)) {
    throw new CoreError('input/invalid', 'The API base URL must use https:// (plain http only to this computer: localhost, 127.x.x.x or [::1]).')
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new CoreError('input/invalid', 'The API base URL must not carry credentials, a query or a fragment.')
  }
  let path = url.pathname.replace(/\/+$/, '')
  if (path.endsWith('/v2')) path = path.slice(0, -3)
  return `${url.protocol}//${url.host}${path}`
}
