/** Route templates → handlers. The template string is also the rate-limit and request-count key. */
import type { RouteDef } from './handlers/types.ts'

type CompiledRoute = RouteDef & { segments: string[]; literals: number }

export type RouteMatch =
  | { kind: 'found'; route: RouteDef; params: Record<string, string>; endpoint: string }
  | { kind: 'not-found' }

export function createRouter(routes: RouteDef[]): (method: string, pathname: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes
    .map((route) => {
      const segments = route.template.split('/').filter((s) => s !== '')
      return { ...route, segments, literals: segments.filter((s) => !s.startsWith('{')).length }
    })
    // `/backups/policy` must win over `/backups/{backupId}`.
    .sort((a, b) => b.literals - a.literals)
  return (method, pathname) => {
    const parts = pathname.split('/').filter((s) => s !== '')
    for (const route of compiled) {
      if (route.method !== method || route.segments.length !== parts.length) continue
      const params = matchSegments(route.segments, parts)
      if (params !== null) return { kind: 'found', route, params, endpoint: `${method} ${route.template}` }
    }
    return { kind: 'not-found' }
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? ''
    const part = parts[i] ?? ''
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeURIComponent(part)
    else if (segment !== part) return null
  }
  return params
}
