import type { KeytarLike } from '#core/secrets/keytar-secret-store'

type Behaviour = 'works' | 'hangs' | { rejectWith: string }

/**
 * A keytar stand-in whose behaviour tests switch at will: a working in-memory keychain, a call that never
 * settles (a hung D-Bus call), or a rejection with a recorded keytar message. Records every call so tests
 * can prove which secrets reached "the keychain".
 */
export class FakeKeytar implements KeytarLike {
  behaviour: Behaviour = 'works'
  readonly entries = new Map<string, string>()
  readonly calls: { method: keyof KeytarLike; service: string; account?: string; password?: string }[] = []

  getPassword(service: string, account: string): Promise<string | null> {
    this.calls.push({ method: 'getPassword', service, account })
    return this.answer(() => this.entries.get(key(service, account)) ?? null)
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    this.calls.push({ method: 'setPassword', service, account, password })
    return this.answer(() => {
      this.entries.set(key(service, account), password)
    })
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    this.calls.push({ method: 'deletePassword', service, account })
    return this.answer(() => this.entries.delete(key(service, account)))
  }

  findCredentials(service: string): Promise<{ account: string; password: string }[]> {
    this.calls.push({ method: 'findCredentials', service })
    return this.answer(() =>
      [...this.entries].filter(([k]) => k.startsWith(`${service}\n`)).map(([k, password]) => ({ account: k.slice(service.length + 1), password }))
    )
  }

  /** Secrets that were handed to setPassword, whatever the outcome. */
  passwordsSent(): string[] {
    return this.calls.flatMap((call) => (call.password === undefined ? [] : [call.password]))
  }

  private answer<T>(result: () => T): Promise<T> {
    const behaviour = this.behaviour
    if (behaviour === 'hangs') return new Promise<T>(() => undefined)
    if (behaviour === 'works') return Promise.resolve(result())
    return Promise.reject(new Error(behaviour.rejectWith))
  }
}

function key(service: string, account: string): string {
  return `${service}\n${account}`
}

/** Raw keytar messages recorded on Debian 12 with gnome-keyring, set up as scripts/with-keyring.sh does. */
export const KEYTAR_MESSAGES = {
  noBus: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  noLoginCollection: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
  locked: 'Cannot create an item in a locked collection'
} as const
