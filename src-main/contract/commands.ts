import type { z } from 'zod'
import { appCommands } from './commands/app.ts'
import { backupCommands } from './commands/backup.ts'
import { backupContentsCommands } from './commands/backup-contents.ts'
import { backupFilterOptionsCommands } from './commands/backup-filter-options.ts'
import { clusterCommands } from './commands/cluster.ts'
import { fleetWindowCommands } from './commands/fleet-window.ts'
import { connectionCommands } from './commands/connection.ts'
import { draftCommands } from './commands/draft.ts'
import { historyCommands } from './commands/history.ts'
import { regionCommands } from './commands/region.ts'
import { reportCommands } from './commands/report.ts'
import { protectionSettingsCommands } from './commands/protection-settings.ts'
import { policyCommands } from './commands/policy.ts'
import { policyFileCommands } from './commands/policy-file.ts'
import { fileCommands } from './commands/file.ts'
import { syncCommands } from './commands/sync.ts'
import { notificationCommands } from './commands/notification.ts'
import { scheduleCommands } from './commands/schedule.ts'
import { settingsCommands } from './commands/settings.ts'
import { planCommands } from './commands/plan.ts'
import { templateCommands } from './commands/template.ts'
import { timelineCommands } from './commands/timeline.ts'
import { webhookCommands } from './commands/webhook.ts'

/**
 * Every command of the contract, `noun/verb`. The keys are the allowlist the IPC wrapper and the
 * browser host accept; each domain adds its commands in `commands/<domain>.ts`.
 */
export const commands = {
  ...appCommands,
  ...connectionCommands,
  ...syncCommands,
  ...clusterCommands,
  ...fleetWindowCommands,
  ...policyCommands,
  ...policyFileCommands,
  ...fileCommands,
  ...backupCommands,
  ...backupContentsCommands,
  ...backupFilterOptionsCommands,
  ...historyCommands,
  ...timelineCommands,
  ...draftCommands,
  ...scheduleCommands,
  ...notificationCommands,
  ...settingsCommands,
  ...protectionSettingsCommands,
  ...templateCommands,
  ...planCommands,
  ...webhookCommands,
  ...regionCommands,
  ...reportCommands
}

export type Commands = typeof commands
export type CommandName = keyof Commands
/** What a caller passes (before defaults are applied). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>
/** What a handler receives (after parsing). */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name)
}
