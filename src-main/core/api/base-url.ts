import { CoreError } from '#contract/errors'

/** The two public control planes (docs/zilliz-api-notes.md#base-url); there are no per-region hosts in v2. */
export const ZILLIZ_BASE_URLS = {
  global: 'https://api.cloud.zilliz.com',
  china: 'https://api.cloud.zilliz.com.cn'
} as const

export type ZillizRegionPreset = keyof typeof ZILLIZ_BASE_URLS

/** Plain http is allowed only to this machine: the local emulator. Anything else would send the key in clear. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Validates and normalizes a control-plane base URL to `scheme://host[:port][/prefix]` without a trailing
 * slash, so that `base + '/v2/...'` is always well formed. A `/v2` suffix is dropped because every route
 * path already starts with `/v2/` (TF stores its template with it).
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch (cause) {
    throw new CoreError('input/invalid', 'The API base URL is not a valid URL.', undefined, { cause })
  }
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

/** Which preset a cloud provider id belongs to (TF `BaseUrlFrom`: `ali`/`tc` are China, everything else global). */
export function baseUrlForCloud(cloudId: string): string {
  return cloudId === 'ali' || cloudId === 'tc' ? ZILLIZ_BASE_URLS.china : ZILLIZ_BASE_URLS.global
}
