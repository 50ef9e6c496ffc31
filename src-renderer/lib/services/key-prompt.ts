import type { SerializedError } from '#contract/errors'

/** A button that fixes the problem a message reports, e.g. "Enter key" on a refused or missing API key. */
export type RemedyAction = { label: string; run: () => void }

type KeyPrompt = {
  /** True when this error stops work for want of a usable key of that connection (the active one by default). */
  needsKey: (error: Pick<SerializedError, 'code'>, connectionId?: string) => boolean
  /** Opens the "Enter API key" dialog for that connection (the active one by default). */
  open: (connectionId?: string) => void
}

let prompt: KeyPrompt | null = null

/** The shell registers the one prompt; toasts, the sync indicator and the connection rows ask it. */
export function provideKeyPrompt(next: KeyPrompt): void {
  prompt = next
}

/** The "Enter key" action for an error, or null when a key would not help (unreachable, keychain locked…). */
export function keyActionFor(error: Pick<SerializedError, 'code'>, connectionId?: string): RemedyAction | null {
  const current = prompt
  if (current === null || !current.needsKey(error, connectionId)) return null
  return { label: 'Enter key', run: () => current.open(connectionId) }
}
