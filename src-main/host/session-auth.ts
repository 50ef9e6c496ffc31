import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { readCookie } from '#core/security/cookies'

export const SESSION_COOKIE = 'backup_desk_session'

/** Where a request's token came from, if it carried a valid one. */
export type AuthResult = 'query' | 'cookie' | 'bearer' | null

/**
 * The browser host's session check: the page load carries the token in the query (`isPageLoad`; the host
 * trades it for the cookie), later requests the cookie the host set, and other programs
 * `Authorization: Bearer <token>`. RPC and event requests never take the token from the query, where
 * it would end up in logs and history.
 */
export function authenticate(request: IncomingMessage, url: URL, token: string, isPageLoad: boolean): AuthResult {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
  if (bearer !== undefined && sameSecret(bearer, token)) return 'bearer'
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE)
  if (cookie !== null && sameSecret(cookie, token)) return 'cookie'
  const query = isPageLoad ? url.searchParams.get('token') : null
  if (query !== null && sameSecret(query, token)) return 'query'
  return null
}

/**
 * Rejects cross-site requests and DNS rebinding: the Host must be our loopback address and an Origin,
 * when sent, must be our own.
 */
export function isSameOriginRequest(request: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (!allowedHosts.includes(request.headers.host ?? '')) return false
  const origin = request.headers.origin
  if (origin === undefined) return true
  return allowedHosts.some((host) => origin === `http://${host}`)
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
