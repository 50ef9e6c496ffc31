/**
 * The emulator's own clock. Every lifecycle decision reads it, so tests move time with
 * advance/setTime instead of sleeping. Time never goes backwards: the world is only ever
 * advanced, never rewound.
 */
export type ClockMode = 'real' | 'manual'

export type EmulatorClock = {
  readonly mode: ClockMode
  now(): number
  advance(ms: number): void
  setTime(epochMs: number): void
}

export function createClock(startTime: number, mode: ClockMode): EmulatorClock {
  const realStart = performance.now()
  let offset = 0
  const now = (): number => {
    const elapsed = mode === 'real' ? performance.now() - realStart : 0
    return Math.floor(startTime + elapsed + offset)
  }
  return {
    mode,
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance needs a finite, non-negative number of ms')
      offset += ms
    },
    setTime(epochMs) {
      const current = now()
      if (!Number.isFinite(epochMs) || epochMs < current) {
        throw new RangeError('setTime cannot move the clock backwards')
      }
      offset += epochMs - current
    }
  }
}

const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** ISO 8601 UTC with `Z`, second precision (docs/zilliz-api-notes.md#ids). */
export function iso(epochMs: number): string {
  return new Date(Math.floor(epochMs / SECOND) * SECOND).toISOString().replace('.000Z', 'Z')
}

/** Zilliz weekday numbering: 1 = Monday … 7 = Sunday. */
export function zillizWeekday(epochMs: number): number {
  const day = new Date(epochMs).getUTCDay()
  return day === 0 ? 7 : day
}

export function startOfUtcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY) * DAY
}
