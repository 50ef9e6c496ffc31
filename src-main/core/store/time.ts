import { CoreError } from '#contract/errors'

/** The store keeps INTEGER epoch ms (UTC); the contract speaks ISO 8601. These convert at the repository edge. */
export function toEpochMs(iso: string, field: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new CoreError('input/invalid', `${field} is not a valid date.`, { field })
  return ms
}

export function toEpochMsOrNull(iso: string | null, field: string): number | null {
  return iso === null ? null : toEpochMs(iso, field)
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

export function toIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIso(ms)
}
