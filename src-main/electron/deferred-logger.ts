import type { Logger } from '#core/lib/logger'

/**
 * A logger for things created before the core (which owns the log file) exists. Lines written
 * before the core is booted are dropped; in practice the keychain is first touched after boot.
 */
export function deferredLogger(current: () => Logger | undefined): Logger {
  return {
    debug: (message, fields) => current()?.debug(message, fields),
    info: (message, fields) => current()?.info(message, fields),
    warn: (message, fields) => current()?.warn(message, fields),
    error: (message, fields) => current()?.error(message, fields)
  }
}
