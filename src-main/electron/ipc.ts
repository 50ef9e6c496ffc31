import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '#contract/bridge'
import { failure, type Envelope } from '#contract/envelope'
import type { EventMessage } from '#contract/events'
import { isAppUrl } from './app-origin.ts'

/** The core's dispatcher: checks the name, parses the input with the contract schema, resolves an envelope. */
export type CoreInvoke = (name: string, input: unknown) => Promise<Envelope<unknown>>

/** What the wrapper reads from `event.senderFrame` (a `WebFrameMain`, or null once it is gone). */
type SenderFrame = { readonly url: string; readonly parent: unknown } | null | undefined

export type IpcLog = (message: string, fields: Record<string, string>) => void

/** Every channel this module registers; the preload test checks it uses exactly these. */
export const REGISTERED_CHANNELS = [IPC_INVOKE_CHANNEL] as const

/**
 * Only the app's own top-level page may call the core (docs/reliability.md#r7): no frame (destroyed),
 * a subframe, or any URL that does not parse to `app://bundle` is refused.
 */
export function isTrustedSender(frame: SenderFrame): boolean {
  if (frame === null || frame === undefined) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url)
}

/**
 * The body of the single `core:invoke` handler. It always resolves an envelope and never throws:
 * a rejection through `ipcMain.handle` reaches the page as a bare Error without `code`
 * (electron/electron#24427).
 */
export function createInvokeHandler(invoke: CoreInvoke, log: IpcLog) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(readSenderFrame(event))) {
      log('ipc call refused: untrusted sender', { command: typeof name === 'string' ? name.slice(0, 80) : typeof name })
      return failure('input/invalid', 'The call did not come from the app page.')
    }
    if (typeof name !== 'string') return failure('input/invalid', 'A command name must be a string.')
    try {
      return await invoke(name, input)
    } catch (error) {
      log('ipc call crashed', { command: name.slice(0, 80), error: error instanceof Error ? error.message : String(error) })
      return failure('internal', 'Something went wrong in the app core. The details are in the log.')
    }
  }
}

/** Registers the one invoke channel; returns its removal for a clean quit. */
export function registerCoreIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, invoke: CoreInvoke, log: IpcLog): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, createInvokeHandler(invoke, log))
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
  }
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed' | 'getURL'>

/**
 * Relays every core event to every live app page as `core:event` `{ name, payload }`. A page that
 * navigated away from `app://bundle` (it should not be able to) gets nothing.
 */
export function forwardCoreEvents(
  subscribe: (listener: (message: EventMessage) => void) => () => void,
  targets: () => readonly EventTarget[]
): () => void {
  return subscribe((message) => {
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue
      contents.send(IPC_EVENT_CHANNEL, { name: message.name, payload: message.payload })
    }
  })
}

/** `senderFrame` is a getter that can throw while a frame is being torn down. */
function readSenderFrame(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrame {
  try {
    return event.senderFrame
  } catch {
    return null
  }
}

