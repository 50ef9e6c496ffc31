import { spawnSync } from 'node:child_process'

/**
 * Why a keyring suite must not run here, or undefined when it may. Besides a session bus, the suite
 * wants the temp XDG_DATA_HOME that scripts/with-keyring.sh creates: on a developer desktop the bus is
 * the real one, and these tests list and delete every `backup-desk` entry.
 */
export function keyringSkipReason(): string | undefined {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    return 'no DBUS_SESSION_BUS_ADDRESS; run it with npm run test:keyring'
  }
  if (!/keyring-test\.[^/]+\/data$/.test(process.env.XDG_DATA_HOME ?? '')) {
    return 'not inside scripts/with-keyring.sh; refusing to touch a real keychain'
  }
  return undefined
}

/** A describe title that carries the skip reason on one line when the suite is skipped. */
export function keyringSuiteTitle(title: string, reason: string | undefined): string {
  return reason === undefined ? title : `${title} (skipped: ${reason})`
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

/** Accounts that `secret-tool search --all service <service>` sees (it prints attributes on stderr). */
export function secretToolAccounts(service: string): string[] {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' })
  return [...result.stderr.matchAll(/^attribute\.account = (.*)$/gm)].map((match) => match[1] ?? '').sort()
}
