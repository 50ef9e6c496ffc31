import { describe, expect, test } from 'vitest'
import { preloadInIdle, type PreloadTarget } from '../../../src-renderer/lib/idle-preload.ts'
import { deferred, settle } from '../../fakes/fake-core-client.ts'

/**
 * A window whose timers, frames and idle moments the test runs by hand: `elapse` fires the timers due, `frame` runs
 * the frame callbacks waiting and then the timers they set for right after it, `idle` runs the idle callbacks
 * waiting (a fake clock: no real waiting).
 */
class HandTarget implements PreloadTarget {
  now = 0
  private nextId = 1
  private readonly timers = new Map<number, { at: number; run: () => void }>()
  private readonly idles = new Map<number, () => void>()
  private readonly frames = new Map<number, () => void>()

  setTimeout = ((run: () => void, ms = 0) => {
    const id = this.nextId++
    this.timers.set(id, { at: this.now + ms, run })
    return id
  }) as PreloadTarget['setTimeout']

  clearTimeout = ((id: number | undefined) => {
    if (id !== undefined) this.timers.delete(id)
  }) as PreloadTarget['clearTimeout']

  requestAnimationFrame = ((run: () => void) => {
    const id = this.nextId++
    this.frames.set(id, run)
    return id
  }) as PreloadTarget['requestAnimationFrame']

  cancelAnimationFrame = ((id: number) => {
    this.frames.delete(id)
  }) as PreloadTarget['cancelAnimationFrame']

  requestIdleCallback = ((run: () => void) => {
    const id = this.nextId++
    this.idles.set(id, run)
    return id
  }) as PreloadTarget['requestIdleCallback']

  cancelIdleCallback = ((id: number) => {
    this.idles.delete(id)
  }) as PreloadTarget['cancelIdleCallback']

  elapse(ms: number): void {
    this.now += ms
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.now) continue
      this.timers.delete(id)
      timer.run()
    }
  }

  async frame(): Promise<void> {
    const waiting = [...this.frames.values()]
    this.frames.clear()
    for (const run of waiting) run()
    this.elapse(0)
    await settle()
  }

  async idle(): Promise<void> {
    const waiting = [...this.idles.values()]
    this.idles.clear()
    for (const run of waiting) run()
    await settle()
  }

  get idleWaiting(): number {
    return this.idles.size
  }
}

function parts(): { loaded: string[]; list: (() => Promise<unknown>)[] } {
  const loaded: string[] = []
  const part = (name: string) => () => {
    loaded.push(name)
    return Promise.resolve()
  }
  return { loaded, list: [part('backups'), part('details'), part('drafts')] }
}

describe('preloadInIdle', () => {
  test('starts right after the next frame once the first screen is answered, long before the second-long fallback', async () => {
    const target = new HandTarget()
    const answered = deferred<undefined>()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, answered.promise, list)
    await target.frame()
    await target.idle()
    expect(loaded).toEqual([])
    target.elapse(50)
    answered.resolve(undefined)
    await settle()
    expect(loaded).toEqual([])
    await target.frame()
    expect(loaded).toEqual(['backups'])
    stop()
  })

  test('after the first part, loads one part per idle moment, the likeliest next screen first', async () => {
    const target = new HandTarget()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, Promise.resolve(), list)
    await settle()
    await target.frame()
    expect(loaded).toEqual(['backups'])
    await target.frame()
    expect(loaded).toEqual(['backups'])
    await target.idle()
    expect(loaded).toEqual(['backups', 'details'])
    await target.idle()
    expect(loaded).toEqual(['backups', 'details', 'drafts'])
    await target.idle()
    expect(target.idleWaiting).toBe(0)
    stop()
  })

  test('starts a second after start while the first screen is still waiting for an answer (a sync sent at once)', async () => {
    const target = new HandTarget()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, new Promise(() => undefined), list)
    target.elapse(999)
    await target.frame()
    expect(loaded).toEqual([])
    target.elapse(1)
    await target.frame()
    expect(loaded).toEqual(['backups'])
    stop()
  })

  test('starts once, though the answer comes after the fallback already started it', async () => {
    const target = new HandTarget()
    const answered = deferred<undefined>()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, answered.promise, list)
    target.elapse(1000)
    answered.resolve(undefined)
    await settle()
    await target.frame()
    expect(loaded).toEqual(['backups'])
    await target.frame()
    expect(loaded).toEqual(['backups'])
    expect(target.idleWaiting).toBe(1)
    stop()
  })

  test('a part that fails to load does not stop the rest', async () => {
    const target = new HandTarget()
    const loaded: string[] = []
    const list = [() => Promise.reject(new Error('host down')), () => Promise.resolve(loaded.push('details'))]
    const stop = preloadInIdle(target, Promise.resolve(), list)
    await settle()
    await target.frame()
    await target.idle()
    expect(loaded).toEqual(['details'])
    stop()
  })

  test('pauses while a screen the admin opened loads: the next part waits for its answer, the frame after and an idle moment', async () => {
    const target = new HandTarget()
    const { loaded, list } = parts()
    let screen: Promise<unknown> = Promise.resolve()
    const stop = preloadInIdle(target, Promise.resolve(), list, () => screen)
    await settle()
    await target.frame()
    expect(loaded).toEqual(['backups'])
    // The admin opens the Timeline: its read and code are on their way.
    const opened = deferred<undefined>()
    screen = opened.promise
    await target.idle()
    await target.frame()
    await target.idle()
    expect(loaded).toEqual(['backups'])
    opened.resolve(undefined)
    await settle()
    await target.idle()
    expect(loaded).toEqual(['backups'])
    await target.frame()
    expect(loaded).toEqual(['backups'])
    await target.idle()
    expect(loaded).toEqual(['backups', 'details'])
    await target.idle()
    expect(loaded).toEqual(['backups', 'details', 'drafts'])
    stop()
  })

  test('once stopped, it loads nothing, whenever the answer, the frame or the second comes', async () => {
    const target = new HandTarget()
    const answered = deferred<undefined>()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, answered.promise, list)
    answered.resolve(undefined)
    await settle()
    stop()
    target.elapse(1000)
    await target.frame()
    await target.idle()
    expect(loaded).toEqual([])
  })
})
