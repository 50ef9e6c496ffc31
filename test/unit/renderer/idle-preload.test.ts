import { describe, expect, test } from 'vitest'
import { preloadInIdle } from '../../../src-renderer/lib/idle-preload.ts'
import { deferred, settle } from '../../fakes/fake-core-client.ts'
import { HandWindow } from '../../fakes/hand-window.ts'

/** A frame of the hand-run window, then the timers its callbacks set for right after it, then their promises. */
async function frame(target: HandWindow): Promise<void> {
  target.frame()
  target.elapse(0)
  await settle()
}

/** An idle moment of the hand-run window, then the promises its callbacks started. */
async function idle(target: HandWindow): Promise<void> {
  target.idle()
  await settle()
}

/** The admin's first look after the first part (idle-preload.ts, FIRST_LOOK_MS). */
const FIRST_LOOK_MS = 1500

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
    const target = new HandWindow()
    const answered = deferred<undefined>()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, answered.promise, list)
    await frame(target)
    await idle(target)
    expect(loaded).toEqual([])
    target.elapse(50)
    answered.resolve(undefined)
    await settle()
    expect(loaded).toEqual([])
    await frame(target)
    expect(loaded).toEqual(['backups'])
    stop()
  })

  test('after the first part, waits for the admin\'s first look, then loads one part per idle moment, the likeliest next screen first', async () => {
    const target = new HandWindow()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, Promise.resolve(), list)
    await settle()
    await frame(target)
    expect(loaded).toEqual(['backups'])
    await frame(target)
    await idle(target)
    target.elapse(FIRST_LOOK_MS - 1)
    await idle(target)
    expect(loaded).toEqual(['backups'])
    target.elapse(1)
    await idle(target)
    expect(loaded).toEqual(['backups', 'details'])
    await idle(target)
    expect(loaded).toEqual(['backups', 'details', 'drafts'])
    await idle(target)
    expect(target.idleWaiting).toBe(0)
    stop()
  })

  test('starts a second after start while the first screen is still waiting for an answer (a sync sent at once)', async () => {
    const target = new HandWindow()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, new Promise(() => undefined), list)
    target.elapse(999)
    await frame(target)
    expect(loaded).toEqual([])
    target.elapse(1)
    await frame(target)
    expect(loaded).toEqual(['backups'])
    stop()
  })

  test('starts once, though the answer comes after the fallback already started it', async () => {
    const target = new HandWindow()
    const answered = deferred<undefined>()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, answered.promise, list)
    target.elapse(1000)
    answered.resolve(undefined)
    await settle()
    await frame(target)
    expect(loaded).toEqual(['backups'])
    await frame(target)
    expect(loaded).toEqual(['backups'])
    target.elapse(FIRST_LOOK_MS)
    expect(target.idleWaiting).toBe(1)
    stop()
  })

  test('a part that fails to load does not stop the rest', async () => {
    const target = new HandWindow()
    const loaded: string[] = []
    const list = [() => Promise.reject(new Error('host down')), () => Promise.resolve(loaded.push('details'))]
    const stop = preloadInIdle(target, Promise.resolve(), list)
    await settle()
    await frame(target)
    target.elapse(FIRST_LOOK_MS)
    await idle(target)
    expect(loaded).toEqual(['details'])
    stop()
  })

  test('pauses while a screen the admin opened loads: the next part waits for its answer, the frame after and an idle moment', async () => {
    const target = new HandWindow()
    const { loaded, list } = parts()
    let screen: Promise<unknown> = Promise.resolve()
    const stop = preloadInIdle(target, Promise.resolve(), list, () => screen)
    await settle()
    await frame(target)
    expect(loaded).toEqual(['backups'])
    // The admin opens the Timeline: its read and code are on their way.
    const opened = deferred<undefined>()
    screen = opened.promise
    target.elapse(FIRST_LOOK_MS)
    await idle(target)
    await frame(target)
    await idle(target)
    expect(loaded).toEqual(['backups'])
    opened.resolve(undefined)
    await settle()
    await idle(target)
    expect(loaded).toEqual(['backups'])
    await frame(target)
    expect(loaded).toEqual(['backups'])
    await idle(target)
    expect(loaded).toEqual(['backups', 'details'])
    await idle(target)
    expect(loaded).toEqual(['backups', 'details', 'drafts'])
    stop()
  })

  test('once stopped, it loads nothing, whenever the answer, the frame or the second comes', async () => {
    const target = new HandWindow()
    const answered = deferred<undefined>()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, answered.promise, list)
    answered.resolve(undefined)
    await settle()
    stop()
    target.elapse(1000)
    await frame(target)
    await idle(target)
    expect(loaded).toEqual([])
  })

  test('stopped during the admin\'s first look, it loads nothing more', async () => {
    const target = new HandWindow()
    const { loaded, list } = parts()
    const stop = preloadInIdle(target, Promise.resolve(), list)
    await settle()
    await frame(target)
    expect(loaded).toEqual(['backups'])
    stop()
    target.elapse(FIRST_LOOK_MS)
    await idle(target)
    expect(loaded).toEqual(['backups'])
  })
})
