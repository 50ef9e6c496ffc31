import { shell } from 'electron'

/**
 * Hosts a link may open in the system browser. Exact hostnames only: no suffix matching, so
 * `cloud.zilliz.com.evil.com` and `evil-zilliz.com` are refused. Add hosts here, nowhere else.
 */
export const EXTERNAL_HOST_ALLOWLIST: ReadonlySet<string> = new Set([
  'cloud.zilliz.com',
  'docs.zilliz.com',
  'support.zilliz.com',
  'cloud.zilliz.com.cn',
  'docs.zilliz.com.cn'
])

/** True for an `https:` URL on the allowlist, on the default port and without credentials. */
export function isAllowedExternalUrl(raw: string): boolean {
  const url = URL.parse(raw)
  return (
    url !== null &&
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    EXTERNAL_HOST_ALLOWLIST.has(url.hostname)
  )
}

/**
 * The one place that calls `shell.openExternal` (an ESLint `no-restricted-syntax` rule bans it
 * elsewhere). Resolves `true` when the URL was handed to the OS. The normalized `href` is passed,
 * not the raw string, so what was checked is what is opened.
 */
export async function safeOpenExternal(raw: string): Promise<boolean> {
  if (!isAllowedExternalUrl(raw)) return false
  await shell.openExternal(new URL(raw).href)
  return true
}
