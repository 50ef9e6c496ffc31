import { CoreError } from '#contract/errors'

/**
 * keytar/libsecret failures as plain sentences for the user. Raw keytar messages are matched, never
 * forwarded: they are technical, and only this file changes if the backend (safeStorage) does.
 * Patterns were recorded on Debian 12 with gnome-keyring, set up as scripts/with-keyring.sh does.
 */
/** The failure `npm install` leaves behind on a machine without libsecret's headers (README.md, "Set up and run"). */
export const KEYCHAIN_LIBRARY_MISSING = 'The system keychain library (libsecret) could not be loaded.'

/** The one command that builds the keychain module where it is missing (Debian/Ubuntu). */
export const KEYCHAIN_ENABLE_COMMAND = 'sudo apt-get install -y libsecret-1-dev && npm rebuild keytar'

const KNOWN_FAILURES: readonly { pattern: RegExp; message: string }[] = [
  // No session bus: "Cannot autolaunch D-Bus without X11 $DISPLAY", or a stale bus address.
  {
    pattern: new RegExp(
      [
        'autolaunch D-Bus',
        'DBUS_SESSION_BUS_ADDRESS',
        'Could not connect',
        'Failed to connect to socket',
        String.raw`org\.freedesktop\.DBus\.Error\.(NoServer|FileNotFound|Disconnected)`
      ].join('|'),
      'i'
    ),
    message: 'No system keychain is reachable (no D-Bus session).'
  },
  // A bus without a Secret Service provider (no gnome-keyring, KWallet or KeePassXC running).
  {
    pattern: /ServiceUnknown|org\.freedesktop\.secrets was not provided|ChildExited.*secrets/i,
    message: 'No system keychain service is running on this desktop session.'
  },
  // "Cannot create an item in a locked collection"; or a login collection that could not be
  // created or unlocked because no prompter can be shown:
  // 'Object does not exist at path "/org/freedesktop/secrets/collection/login"'.
  {
    pattern: /locked|Object does not exist at path .*\/collection\//i,
    message: 'The system keychain is locked.'
  },
  { pattern: /cancel+ed|dismissed/i, message: 'The system keychain unlock was cancelled.' },
  // keytar's native module or libsecret is missing (keytar is an optional dependency and loads lazily, so
  // the app still starts): not installed, its addon not built, or libsecret's shared library absent.
  {
    pattern: /cannot open shared object|libsecret|Cannot find (module|package) 'keytar'|keytar\.node|DLOPEN/i,
    message: KEYCHAIN_LIBRARY_MISSING
  }
]

const FALLBACK_MESSAGE = 'The system keychain refused the request.'

/** The user-facing sentence for a raw keychain failure. */
function keychainFailureMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error)
  return KNOWN_FAILURES.find(({ pattern }) => pattern.test(raw))?.message ?? FALLBACK_MESSAGE
}

/**
 * `secret/unavailable` with a plain message. The raw error is kept as `cause` for core-side
 * diagnostics, unless its text contains the secret being written: then it is dropped entirely.
 */
export function keychainUnavailable(error: unknown, secret?: string): CoreError {
  const raw = error instanceof Error ? error.message : String(error)
  const isSafeCause = secret === undefined || !raw.includes(secret)
  return new CoreError(
    'secret/unavailable',
    keychainFailureMessage(error),
    undefined,
    isSafeCause ? { cause: error } : undefined
  )
}

export function keychainTimeout(timeoutMs: number): CoreError {
  const seconds = String(Math.round(timeoutMs / 100) / 10)
  return new CoreError(
    'secret/unavailable',
    `The system keychain did not answer within ${seconds} s.`
  )
}
