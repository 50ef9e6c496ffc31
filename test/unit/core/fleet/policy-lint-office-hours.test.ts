import { describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import { lintPolicy, type LintSubject } from '#contract/policy-lint'

const DAY_MS = 86_400_000
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const policyOf = (frequency: string, startTime: string): BackupPolicy => ({ enabled: true, frequency, startTime, retentionDays: 30 })

/** The weekdays lint names for the window-in-office-hours rule, or [] when it finds none. */
function officeDays(policy: BackupPolicy, timeZone: string, nowMs: number): string[] {
  const subject: LintSubject = { policy, regionId: 'aws-us-west-2', projectName: 'Staging', connectionTag: null, timeZone, nowMs }
  const finding = lintPolicy(subject).find((f) => f.ruleId === 'window-in-office-hours')
  return finding === undefined ? [] : (/\(([^)]*)\)/.exec(finding.message)?.[1] ?? '').split(', ')
}

/**
 * The rule as stated, read straight from Intl at each quarter-hour of each scheduled window of the UTC week (Monday
 * 00:00 UTC) holding `nowMs`: the local weekdays Mon–Fri on which a step falls in 09:00–17:00.
 */
function officeDaysByIntl(frequency: string, startTime: string, timeZone: string, nowMs: number): string[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const day = new Date(nowMs)
  const monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - ((day.getUTCDay() + 6) % 7) * DAY_MS
  const [start = 0, end = 0] = startTime.split('-').map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)))
  const found = new Set<string>()
  for (const weekday of frequency.split(',').map(Number)) {
    const from = monday + (weekday - 1) * DAY_MS + start * 60_000
    for (let t = from; t < from + ((end - start + 1440) % 1440 || 1440) * 60_000; t += 15 * 60_000) {
      const parts = format.formatToParts(t)
      const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? ''
      const minute = Number(get('hour')) * 60 + Number(get('minute'))
      if (WEEKDAYS.indexOf(get('weekday')) < 5 && minute >= 9 * 60 && minute < 17 * 60) found.add(get('weekday'))
    }
  }
  return WEEKDAYS.filter((d) => found.has(d))
}

describe('policy lint: office hours across offset changes', () => {
  it('a DST change on a weekday (Jerusalem, Friday 27 March 2026) moves that day only: 06:00 UTC is 08:00 on Thursday, 09:00 on Friday', () => {
    expect(officeDays(policyOf('4,5', '06:00-07:00'), 'Asia/Jerusalem', Date.UTC(2026, 2, 25, 12))).toEqual(['Fri'])
    // The week before, both days are UTC+2: 08:00–09:00, outside office hours.
    expect(officeDays(policyOf('4,5', '06:00-07:00'), 'Asia/Jerusalem', Date.UTC(2026, 2, 18, 12))).toEqual([])
  })

  it('a half-hour DST change (Lord Howe) is followed: Sunday 22:00 UTC is Monday 08:30 in April, 09:00 in October', () => {
    const sundayNight = policyOf('7', '22:00-22:30')
    expect(officeDays(sundayNight, 'Australia/Lord_Howe', Date.UTC(2026, 3, 1, 12))).toEqual([])
    expect(officeDays(sundayNight, 'Australia/Lord_Howe', Date.UTC(2026, 8, 30, 12))).toEqual(['Mon'])
  })

  it('every zone and week names the weekdays Intl gives at each quarter-hour of the windows, whatever order they are asked in', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Jerusalem', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC']
    // Weeks with a DST change in one zone or another (March, April, September, October, November 2026).
    const weeks = [Date.UTC(2026, 2, 9), Date.UTC(2026, 2, 25), Date.UTC(2026, 2, 30), Date.UTC(2026, 3, 6), Date.UTC(2026, 8, 28), Date.UTC(2026, 9, 5), Date.UTC(2026, 9, 26), Date.UTC(2026, 10, 2)]
    // Overlapping windows (they share instants), odd start minutes and one across midnight.
    const windows = ['05:00-07:00', '06:00-08:00', '07:10-09:40', '13:45-14:15', '21:30-02:30', '23:00-01:00']
    const frequencies = ['1,2,3,4,5,6,7', '1,5']
    for (const order of [1, -1]) {
      for (const timeZone of order === 1 ? zones : [...zones].reverse()) {
        for (const week of weeks) {
          for (const startTime of windows) {
            for (const frequency of frequencies) {
              const asked = officeDays(policyOf(frequency, startTime), timeZone, week)
              expect(asked, `${timeZone} ${new Date(week).toISOString()} ${frequency} ${startTime}`).toEqual(officeDaysByIntl(frequency, startTime, timeZone, week))
            }
          }
        }
      }
    }
  })
})
