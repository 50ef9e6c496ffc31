import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commands } from '#contract/commands'
import { API_KEY_MAX_LENGTH, CONNECTION_NAME_MAX_LENGTH, HISTORY_RETENTION_DAYS_RANGE, NOTIFICATION_SETTING_RANGES } from '#contract/limits'
import { DEFAULT_NOTIFICATION_SETTINGS } from '#contract/commands/settings'
import { addConnection, renameConnection } from '#core/store/connections.repo'
import { openDatabase } from '#core/store/database'
import { assertSecret } from '#core/secrets/secret-input'
import { keyIssue, nameIssue } from '../../../src-renderer/features/settings/connection-validation.ts'
import { historyRetentionIssue, validateSettings } from '../../../src-renderer/features/settings/settings-validation.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const accepts = (fn: () => unknown): boolean => {
  try {
    fn()
    return true
  } catch {
    return false
  }
}

describe('limits shared by the contract, the repositories and the renderer', () => {
  it('agree on the longest connection name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limits-'))
    dirs.push(dir)
    const { db } = openDatabase(join(dir, 'store.db'))
    const { id } = addConnection(db, { name: 'n', baseUrl: 'https://api.cloud.zilliz.com' })
    const schema = commands['connection/rename'].input
    for (const [length, expected] of [[CONNECTION_NAME_MAX_LENGTH, true], [CONNECTION_NAME_MAX_LENGTH + 1, false]] as const) {
      const name = 'n'.repeat(length)
      expect([schema.safeParse({ id, name }).success, accepts(() => renameConnection(db, id, name)), nameIssue(name) === null], `${String(length)} characters`).toEqual([expected, expected, expected])
    }
    db.close()
  })

  it('agree on the longest API key', () => {
    const schema = commands['connection/update-key'].input
    for (const [length, expected] of [[API_KEY_MAX_LENGTH, true], [API_KEY_MAX_LENGTH + 1, false]] as const) {
      const apiKey = 'k'.repeat(length)
      expect([schema.safeParse({ id: 'c1', apiKey }).success, accepts(() => assertSecret(apiKey)), keyIssue(apiKey) === null], `${String(length)} characters`).toEqual([expected, expected, expected])
    }
  })

  it('agree on the history retention range, at both ends, and refuse a fraction', () => {
    const schema = commands['protection-settings/update'].input
    const { min, max } = HISTORY_RETENTION_DAYS_RANGE
    for (const [value, expected] of [[min, true], [max, true], [min - 1, false], [max + 1, false], [min + 0.5, false]] as const) {
      expect([schema.safeParse({ historyRetentionDays: value }).success, historyRetentionIssue(value) === undefined], `${String(value)} days`).toEqual([expected, expected])
    }
    expect(historyRetentionIssue(min - 1)).toBe(`Enter a whole number of days from ${String(min)} to ${String(max)}.`)
  })

  it('agree on every notification setting range, at both ends', () => {
    const schema = commands['settings/update'].input
    const form = { ...DEFAULT_NOTIFICATION_SETTINGS, hasQuietHours: false, quietStart: '', quietEnd: '' }
    for (const [key, range] of Object.entries(NOTIFICATION_SETTING_RANGES) as [keyof typeof NOTIFICATION_SETTING_RANGES, { min: number; max: number }][]) {
      for (const [value, expected] of [[range.min, true], [range.max, true], [range.min - 1, false], [range.max + 1, false]] as const) {
        const inSchema = schema.safeParse({ [key]: value }).success
        const inForm = validateSettings({ ...form, [key]: value })[key] === undefined
        expect([inSchema, inForm], `${key} = ${String(value)}`).toEqual([expected, expected])
      }
    }
  })
})
