import { flushSync } from 'svelte'
import { describe, expect, test } from 'vitest'
import { idleSteps } from '../../../../src-renderer/lib/ui/idle-steps.svelte.ts'
import { settle } from '../../../fakes/fake-core-client.ts'
import { HandWindow } from '../../../fakes/hand-window.ts'

/** The frame's callbacks, then the task queued right after it (where a paint is noted), then Svelte's updates. */
async function paintFrame(target: HandWindow): Promise<void> {
  target.frame()
  target.elapse(0)
  await settle()
  target.elapse(0)
  await settle()
  flushSync()
}

async function idleMoment(target: HandWindow): Promise<void> {
  target.idle()
  await settle()
  flushSync()
}

/** `idleSteps` as a component would create it, in a window run by hand; `stop` ends the component. */
function startSteps(count: number, isShown: () => boolean): { target: HandWindow; steps: { readonly done: number }; stop: () => void } {
  const target = new HandWindow()
  let steps: { readonly done: number } = { done: -1 }
  const stop = $effect.root(() => {
    steps = idleSteps(count, isShown, target)
  })
  flushSync()
  return { target, steps, stop }
}

describe('idleSteps', () => {
  test('takes no step before the screen is shown, whatever frames and idle moments come', async () => {
    const { target, steps, stop } = startSteps(2, () => false)
    await paintFrame(target)
    await idleMoment(target)
    expect(steps.done).toBe(0)
    stop()
  })

  test('once shown, the first step comes at an idle moment after the next frame, not in the task right after it', async () => {
    const { target, steps, stop } = startSteps(2, () => true)
    await idleMoment(target)
    expect(steps.done).toBe(0)
    await paintFrame(target)
    expect(steps.done).toBe(0)
    await idleMoment(target)
    expect(steps.done).toBe(1)
    stop()
  })

  test('each later step waits for a frame after the one before (so the frame between is drawn), then for an idle moment', async () => {
    const { target, steps, stop } = startSteps(2, () => true)
    await paintFrame(target)
    await idleMoment(target)
    expect(steps.done).toBe(1)
    // The same idle period: no second step until a frame has drawn the first.
    await idleMoment(target)
    expect(steps.done).toBe(1)
    await paintFrame(target)
    expect(steps.done).toBe(1)
    await idleMoment(target)
    expect(steps.done).toBe(2)
    await paintFrame(target)
    await idleMoment(target)
    expect(steps.done).toBe(2)
    stop()
  })

  test('a step still comes in a window that draws no frames and is never idle (hidden), after the fallbacks', async () => {
    const { target, steps, stop } = startSteps(1, () => true)
    for (let ms = 0; ms < 2000 && steps.done === 0; ms += 100) {
      target.elapse(100)
      await settle()
      flushSync()
    }
    expect(steps.done).toBe(1)
    stop()
  })

  test('ended with its component, it takes no step', async () => {
    const { target, steps, stop } = startSteps(1, () => true)
    stop()
    await paintFrame(target)
    await idleMoment(target)
    expect(steps.done).toBe(0)
  })
})
