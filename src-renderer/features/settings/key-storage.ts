import type { KeychainStatus } from '#contract/models/connection'

/*
 * What the connection forms and dialogs say of where an API key is kept, true to the keychain's mode (the core's
 * `keychain/status`, the same the shell's banner shows: KeychainBanner.svelte). Before the mode is known they say
 * only what holds in either.
 */

/** Under the API key field of the add form and of "Replace API key…". */
export function keyKeptHint(keychain: KeychainStatus | null): string {
  if (keychain?.mode === 'keychain') return 'Kept in the system keychain; Backup Desk never shows it again.'
  if (keychain?.mode === 'memory-only') return `Kept in memory for this session only (${whyMemory(keychain)}); Backup Desk never shows it again.`
  return 'Backup Desk never shows it again.'
}

/** What removing a connection does to its key, as "Remove connection" says it. */
export function keyRemovedText(keychain: KeychainStatus | null): string {
  if (keychain?.mode === 'keychain') return 'Its API key is deleted from the keychain'
  if (keychain?.mode === 'memory-only') return 'Its API key is deleted from memory'
  return 'Its API key is deleted'
}

function whyMemory(keychain: KeychainStatus): string {
  return keychain.demo === true ? 'the demo does not use the system keychain' : 'the system keychain is unavailable'
}
