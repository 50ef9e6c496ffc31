/** What a route handler receives; it returns the `data` payload or throws an ApiError. */
import type { World } from '../world.ts'

export type RequestContext = {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  now: number
  world: World
  /** http://127.0.0.1:PORT, for fields that name the API server. */
  baseUrl: string
}

export type Handler = (ctx: RequestContext) => unknown

export type RouteDef = { method: 'GET' | 'POST' | 'DELETE'; template: string; handler: Handler }
