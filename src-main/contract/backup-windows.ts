import { BoundedMemo } from './bounded-memo.ts'
import { parseFrequency, parseWindow } from './policy-rules.ts'

/*
 * Where a policy's automatic backups are expected, as plain functions free of zod, so that the core's
 * scheduler (src-main/core/schedule) and the renderer's previews project windows the same way.
 * All times are epoch ms UTC.
 */

export const DAY_MS = 24 * 60 * 60 * 1000
const MINUTE_MS = 60_000
/** The API's windows are two hours; used when `startTime` gives no usable length (start equals end). */
const DEFAULT_WINDOW_MINUTES = 120

/** A policy's parsed schedule: API weekdays (1 = Monday … 7 = Sunday), start minute (UTC), window length. */
export type WindowSchedule = { weekdays: ReadonlySet<number>; startMinute: number; lengthMs: number }

/** An expected window, end exclusive. */
export type WindowSpan = { startMs: number; endMs: number }

/** API weekday (1 = Monday … 7 = Sunday) of the UTC day containing `ms`; 1 January 1970 was a Thursday. */
export function utcWeekday(ms: number): number {
  return weekdayOfDay(Math.floor(ms / DAY_MS))
}

function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1
}

/**
 * Parsed schedules by `frequency|startTime`. A fleet shares few distinct schedules and every re-plan
 * parses every policy several times, so parsing once per distinct pair matters; pure, so safe to share.
 */
const schedules = new BoundedMemo<WindowSchedule | null>(10_000)

/** The schedule of a `frequency` and `startTime`, or null when the API would refuse either. */
export function scheduleOf(frequency: string, startTime: string): WindowSchedule | null {
  return schedules.get(`${frequency}|${startTime}`, () => parseSchedule(frequency, startTime))
}

function parseSchedule(frequency: string, startTime: string): WindowSchedule | null {
  const weekdays = parseFrequency(frequency)
  const window = parseWindow(startTime)
  if (weekdays.length === 0 || window === null) return null
  const minutes = (window.endMinute - window.startMinute + 24 * 60) % (24 * 60)
  return {
    weekdays: new Set(weekdays),
    startMinute: window.startMinute,
    lengthMs: (minutes === 0 ? DEFAULT_WINDOW_MINUTES : minutes) * MINUTE_MS
  }
}

/**
 * The windows of one schedule overlapping [fromMs, toMs), in order. A window belongs to the UTC weekday it
 * starts on, so `23:00-01:00` on weekday 7 runs from Sunday 23:00 to Monday 01:00.
 */
export function windowsBetween(schedule: WindowSchedule, fromMs: number, toMs: number): WindowSpan[] {
  const windows: WindowSpan[] = []
  if (toMs <= fromMs) return windows
  // A window that started the day before `fromMs` may still be open.
  const lastDay = Math.floor(toMs / DAY_MS)
  for (let day = Math.floor(fromMs / DAY_MS) - 1; day <= lastDay; day++) {
    if (!schedule.weekdays.has(weekdayOfDay(day))) continue
    const startMs = day * DAY_MS + schedule.startMinute * MINUTE_MS
    const endMs = startMs + schedule.lengthMs
    if (endMs > fromMs && startMs < toMs) windows.push({ startMs, endMs })
  }
  return windows
}

/**
 * The earliest window start of a schedule strictly after `afterMs`, without building windows: re-planning
 * needs one minimum per policy, not thousands of sorted window objects.
 */
export function firstStartAfter(schedule: WindowSchedule, afterMs: number): number | null {
  const firstDay = Math.floor(afterMs / DAY_MS)
  for (let day = firstDay; day <= firstDay + 8; day++) {
    const startMs = day * DAY_MS + schedule.startMinute * MINUTE_MS
    if (startMs > afterMs && schedule.weekdays.has(weekdayOfDay(day))) return startMs
  }
  return null
}

/**
 * The next `count` windows of a policy that start after `nowMs`. A window already begun is not a next run:
 * Zilliz starts its backup inside it, so it is reported apart (`windowOpenAt`). Disabled or invalid → [].
 */
export function nextWindows(policy: { enabled: boolean; frequency: string; startTime: string }, nowMs: number, count: number): WindowSpan[] {
  const schedule = policy.enabled ? scheduleOf(policy.frequency, policy.startTime) : null
  const windows: WindowSpan[] = []
  let after = nowMs
  while (schedule !== null && windows.length < count) {
    const startMs = firstStartAfter(schedule, after)
    if (startMs === null) break
    windows.push({ startMs, endMs: startMs + schedule.lengthMs })
    after = startMs
  }
  return windows
}

/** The window of a policy open at `nowMs` (begun, not yet ended), if any, including one begun the day before. */
export function windowOpenAt(policy: { enabled: boolean; frequency: string; startTime: string }, nowMs: number): WindowSpan | null {
  const schedule = policy.enabled ? scheduleOf(policy.frequency, policy.startTime) : null
  return schedule === null ? null : (windowsBetween(schedule, nowMs, nowMs + 1)[0] ?? null)
}
