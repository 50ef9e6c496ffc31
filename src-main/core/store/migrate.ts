import type Database from 'better-sqlite3'
import { CoreError } from '#contract/errors'
import type { Migration } from './migrations/index.ts'
import { isCorruptionError } from './store-errors.ts'

export type MigrationOutcome = { from: number; to: number }

function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0
}

/**
 * Brings the schema to the latest version, one transaction per step, so a failing step leaves the database at
 * the previous version (docs/reliability.md#r18). A fresh (empty) database takes every step in one transaction: it has
 * no earlier version to keep, a failure leaves it empty at schema 0, and a first launch pays one commit's fsync, not
 * one per step. A database from a newer app is refused, never migrated down.
 */
export function migrate(sqlite: Database.Database, migrations: readonly Migration[]): MigrationOutcome {
  assertWellFormed(migrations)
  const latest = latestVersion(migrations)
  const from = readUserVersion(sqlite)
  if (from > latest) {
    throw new CoreError(
      'store/failed',
      `This data was written by a newer Backup Desk (schema ${from}); this version understands up to ${latest}. ` +
        'Update Backup Desk, or start it with another data folder.'
    )
  }
  const pending = migrations.filter((step) => step.version > from)
  const batches = from === 0 && pending.length > 0 ? [pending] : pending.map((step) => [step])
  for (const batch of batches) applySteps(sqlite, batch)
  return { from, to: readUserVersion(sqlite) }
}

function applySteps(sqlite: Database.Database, steps: readonly Migration[]): void {
  let current: Migration | undefined
  try {
    sqlite
      .transaction(() => {
        for (const step of steps) {
          current = step
          sqlite.exec(step.sql)
          sqlite.pragma(`user_version = ${step.version}`)
        }
      })
      .immediate()
  } catch (error) {
    // Corruption is handled by the caller's recovery path, not reported as a failed upgrade.
    if (isCorruptionError(error)) throw error
    const reason = error instanceof Error ? error.message : String(error)
    const step = current ?? steps[0]
    throw new CoreError(
      'store/failed',
      `Could not upgrade the local data to schema ${step?.version ?? '?'} (${step?.name ?? '?'}): ${reason}. ` +
        `The data was left at schema ${readUserVersion(sqlite)}.`,
      undefined,
      { cause: error }
    )
  }
}

function readUserVersion(sqlite: Database.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }))
}

function assertWellFormed(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1) {
      throw new Error(`Migration list is out of order: position ${index + 1} holds version ${step.version}.`)
    }
  })
}
