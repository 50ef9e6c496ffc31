/** Injected faults: the next N requests matching a path (prefix or regex) and optional method misbehave. */
import { z } from 'zod'

const match = {
  /** Prefix of the request path (no query string). */
  path: z.string().min(1).optional(),
  /** Regular expression tested against the request path. */
  pathRegex: z.string().min(1).optional(),
  method: z.enum(['GET', 'POST', 'DELETE', 'PUT', 'PATCH']).optional(),
  /** Query parameters the request must carry with exactly these values, e.g. `{ currentPage: '3' }` (one page of a list). */
  query: z.record(z.string(), z.string()).optional(),
  /** How many matching requests this fault affects (default 1). */
  times: z.number().int().positive().optional()
}

export const faultSpecSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...match, kind: z.literal('http-error'), status: z.number().int().min(400).max(599), code: z.number().int().optional(), message: z.string().optional() }),
    z.object({ ...match, kind: z.literal('business-error'), code: z.number().int(), message: z.string().optional() }),
    z.object({ ...match, kind: z.literal('latency'), ms: z.number().int().nonnegative() }),
    /** drop-before: socket destroyed, request not applied. drop-after: applied, then destroyed. */
    z.object({ ...match, kind: z.enum(['drop-before', 'drop-after']) }),
    /** stall-headers: nothing is ever sent. stall-body: headers and part of the body, then nothing. */
    z.object({ ...match, kind: z.enum(['stall-headers', 'stall-body']) })
  ])
  .refine((f) => f.path !== undefined || f.pathRegex !== undefined, { message: 'path or pathRegex is required' })
  .refine((f) => f.pathRegex === undefined || isValidRegex(f.pathRegex), { message: 'pathRegex is not a valid regular expression' })

export type FaultSpec = z.input<typeof faultSpecSchema>
export type ActiveFault = { spec: FaultSpec; remaining: number }

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

export type FaultBook = {
  add(spec: FaultSpec): void
  /** Consumes one use of the first fault matching this request, if any. */
  take(method: string, pathname: string, query?: URLSearchParams): FaultSpec | undefined
  list(): ActiveFault[]
  clear(): void
}

export function createFaultBook(): FaultBook {
  let faults: { spec: FaultSpec; remaining: number; regex: RegExp | null }[] = []
  return {
    add(spec) {
      const parsed = faultSpecSchema.parse(spec)
      faults.push({ spec: parsed, remaining: parsed.times ?? 1, regex: parsed.pathRegex === undefined ? null : new RegExp(parsed.pathRegex) })
    },
    take(method, pathname, query) {
      const fault = faults.find(
        (f) =>
          (f.spec.method === undefined || f.spec.method === method) &&
          (f.spec.path === undefined || pathname.startsWith(f.spec.path)) &&
          (f.regex === null || f.regex.test(pathname)) &&
          Object.entries(f.spec.query ?? {}).every(([name, value]) => query?.get(name) === value)
      )
      if (fault === undefined) return undefined
      fault.remaining -= 1
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault)
      return fault.spec
    },
    list: () => faults.map(({ spec, remaining }) => ({ spec, remaining })),
    clear() {
      faults = []
    }
  }
}
