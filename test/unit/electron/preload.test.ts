import { beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CoreBridge } from '#contract/bridge'
import { REGISTERED_CHANNELS } from '../../../src-main/electron/ipc.ts'

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void
  const listeners = new Map<string, Set<Listener>>()
  const ipcRenderer = {
    invoke: vi.fn((..._args: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, value: 'pong' })),
    on: vi.fn((channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(channel, set)
      return ipcRenderer
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener)
      return ipcRenderer
    }),
    send: vi.fn(),
    sendSync: vi.fn()
  }
  const exposed: Record<string, unknown> = {}
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed[key] = api
    })
  }
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener(...args)
  }
  return { ipcRenderer, contextBridge, exposed, listeners, emit }
})

vi.mock('electron', () => ({ ipcRenderer: electron.ipcRenderer, contextBridge: electron.contextBridge }))

let bridge: CoreBridge

/** True when `value` is, or holds at any depth, the ipcRenderer object or one of its functions. */
function leaksIpcRenderer(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === electron.ipcRenderer || Object.values(electron.ipcRenderer).includes(value as never)) return true
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return false
  seen.add(value)
  return Reflect.ownKeys(value).some((key) => leaksIpcRenderer((value as Record<PropertyKey, unknown>)[key], seen))
}

describe('preload bridge', () => {
  beforeAll(async () => {
    await import('../../../src-main/electron/preload.ts')
    bridge = electron.exposed['core'] as CoreBridge
  })

  it('exposes one object, window.core, with exactly invoke and on', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    expect(Object.keys(electron.exposed)).toEqual(['core'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(typeof bridge.invoke).toBe('function')
    expect(typeof bridge.on).toBe('function')
  })

  it('exposes no ipcRenderer, nor any of its functions', () => {
    expect(leaksIpcRenderer(electron.exposed)).toBe(false)
  })

  it('invokes on the channel main registers, with exactly (name, input)', async () => {
    expect(await bridge.invoke('app/info', { x: 1 })).toEqual({ ok: true, value: 'pong' })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE_CHANNEL, 'app/info', { x: 1 })
    const usedChannels = new Set(electron.ipcRenderer.invoke.mock.calls.map(([channel]) => channel))
    expect([...usedChannels]).toEqual([...REGISTERED_CHANNELS])
  })

  it('resolves an envelope when the main side is unavailable', async () => {
    electron.ipcRenderer.invoke.mockImplementationOnce(() => Promise.reject(new Error("No handler registered for 'core:invoke'")))
    expect(await bridge.invoke('app/info', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('gives the listener exactly [name, payload], never the IPC event, and unsubscribes', () => {
    const listener = vi.fn()
    const unsubscribe = bridge.on(listener)
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.any(Function))
    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0 }
    electron.emit(IPC_EVENT_CHANNEL, ipcEvent, { name: 'sync/finished', payload: { ok: true } })
    expect(listener.mock.calls).toEqual([['sync/finished', { ok: true }]])

    electron.emit(IPC_EVENT_CHANNEL, ipcEvent, 'garbage')
    electron.emit(IPC_EVENT_CHANNEL, ipcEvent, { name: 42 })
    expect(listener).toHaveBeenCalledOnce()

    unsubscribe()
    electron.emit(IPC_EVENT_CHANNEL, ipcEvent, { name: 'sync/finished', payload: {} })
    expect(listener).toHaveBeenCalledOnce()
    expect(electron.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0)
  })
})
