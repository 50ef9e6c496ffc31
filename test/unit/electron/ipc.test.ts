import { describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '#contract/bridge'
import type { Envelope } from '#contract/envelope'
import type { EventMessage } from '#contract/events'
import { EventBus } from '../../../src-main/core/lib/event-bus.ts'
import { createInvokeHandler, forwardCoreEvents, isTrustedSender, registerCoreIpc, REGISTERED_CHANNELS } from '../../../src-main/electron/ipc.ts'

const OK: Envelope<unknown> = { ok: true, value: 'from core' }
const TOP = null

function event(frame: { url: string; parent: unknown } | null): Pick<IpcMainInvokeEvent, 'senderFrame'> {
  return { senderFrame: frame } as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'>
}

function setup() {
  const invoke = vi.fn((_name: string, _input: unknown) => Promise.resolve(OK))
  const log = vi.fn()
  return { invoke, log, handler: createInvokeHandler(invoke, log) }
}

describe('core:invoke wrapper', () => {
  it('passes a call from the top-level app page to the core', async () => {
    const { invoke, handler } = setup()
    expect(await handler(event({ url: 'app://bundle/#/fleet', parent: TOP }), 'app/info', { a: 1 })).toEqual(OK)
    expect(invoke).toHaveBeenCalledExactlyOnceWith('app/info', { a: 1 })
  })

  it.each([
    ['an evil origin', event({ url: 'https://evil.example/', parent: TOP })],
    ['a look-alike origin', event({ url: 'app://bundle.evil/', parent: TOP })],
    ['a file: page', event({ url: 'file:///tmp/index.html', parent: TOP })],
    ['a subframe of the app', event({ url: 'app://bundle/', parent: { url: 'app://bundle/' } })],
    ['a destroyed (null) frame', event(null)],
    ['a malformed URL', event({ url: 'app://bundle:notaport/', parent: TOP })],
    ['an empty URL', event({ url: '', parent: TOP })]
  ])('refuses %s with an envelope, never reaching the core', async (_label, untrusted) => {
    const { invoke, handler } = setup()
    const result = await handler(untrusted, 'app/info', {})
    expect(result).toMatchObject({ ok: false, error: { name: 'CoreError', code: 'input/invalid' } })
    expect(invoke).not.toHaveBeenCalled()
  })

  it('refuses a frame whose getter throws', async () => {
    const { invoke, handler } = setup()
    const throwing = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed')
      }
    } as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'>
    expect((await handler(throwing, 'app/info', {})).ok).toBe(false)
    expect(invoke).not.toHaveBeenCalled()
  })

  it.each([42, null, undefined, { toString: () => 'app/info' }, ['app/info']])('refuses a non-string name (%o)', async (name) => {
    const { invoke, handler } = setup()
    expect(await handler(event({ url: 'app://bundle/', parent: TOP }), name, {})).toMatchObject({ ok: false, error: { code: 'input/invalid' } })
    expect(invoke).not.toHaveBeenCalled()
  })

  it('turns a core that throws into an internal envelope instead of a rejection', async () => {
    const log = vi.fn()
    const handler = createInvokeHandler(() => Promise.reject(new Error('boom')), log)
    const result = await handler(event({ url: 'app://bundle/', parent: TOP }), 'app/info', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('boom')
    expect(log).toHaveBeenCalled()
  })

  it('exposes the sender rule on its own', () => {
    expect(isTrustedSender({ url: 'app://bundle/index.html', parent: null })).toBe(true)
    expect(isTrustedSender(undefined)).toBe(false)
  })

  it('registers exactly the invoke channel and removes it on dispose', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() }
    const dispose = registerCoreIpc(ipcMain, vi.fn(), vi.fn())
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel as string)).toEqual([...REGISTERED_CHANNELS])
    expect(REGISTERED_CHANNELS).toEqual([IPC_INVOKE_CHANNEL])
    dispose()
    expect(ipcMain.removeHandler).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE_CHANNEL)
  })
})

describe('core event forwarding', () => {
  function target(url: string, destroyed = false) {
    return { send: vi.fn(), isDestroyed: () => destroyed, getURL: () => url }
  }

  it('sends { name, payload } on core:event to every live app page', () => {
    const bus = new EventBus()
    const pages = [target('app://bundle/'), target('app://bundle/#/backups'), target('https://evil.example/'), target('app://bundle/', true)]
    const stop = forwardCoreEvents((listener) => bus.subscribe(listener), () => pages)
    const payload = { connectionId: 'c1', ok: true }
    bus.emit('sync/finished', payload)
    expect(pages[0]?.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, { name: 'sync/finished', payload } satisfies EventMessage)
    expect(pages[1]?.send).toHaveBeenCalledOnce()
    expect(pages[2]?.send).not.toHaveBeenCalled()
    expect(pages[3]?.send).not.toHaveBeenCalled()
    stop()
    expect(bus.listenerCount).toBe(0)
  })
})
