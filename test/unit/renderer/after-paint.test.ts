import { describe, expect, test } from 'vitest'
import { afterNextPaint, PAINT_LATEST_MS, quietAfterNextPaint } from '../../../src-renderer/lib/after-paint.ts'
import { settle } from '../../fakes/fake-core-client.ts'
import { HandWindow } from '../../fakes/hand-window.ts'

describe('afterNextPaint', () => {
  test('resolves in the task after the next frame, not before the frame', async () => {
    const target = new HandWindow()
    let isPainted = false
    void afterNextPaint(target).then(() => (isPainted = true))
    target.elapse(0)
    await settle()
    expect(isPainted).toBe(false)
    target.frame()
    await settle()
    // The frame callback only queued the task that follows the frame's rendering.
    expect(isPainted).toBe(false)
    target.elapse(0)
    await settle()
    expect(isPainted).toBe(true)
  })

  test('resolves after PAINT_LATEST_MS in a window that draws no frame (hidden), so what waits for it still happens', async () => {
    const target = new HandWindow()
    let isPainted = false
    void afterNextPaint(target).then(() => (isPainted = true))
    target.elapse(PAINT_LATEST_MS - 1)
    await settle()
    expect(isPainted).toBe(false)
    target.elapse(1)
    await settle()
    expect(isPainted).toBe(true)
  })
})

describe('quietAfterNextPaint', () => {
  test('resolves at the first idle moment once `quietMs` have passed after the next frame, not at an idle moment before', async () => {
    const target = new HandWindow()
    let isQuiet = false
    void quietAfterNextPaint(target, 500).then(() => (isQuiet = true))
    target.frame()
    target.elapse(0)
    await settle()
    target.idle()
    target.elapse(499)
    await settle()
    target.idle()
    expect(isQuiet).toBe(false)
    target.elapse(1)
    await settle()
    expect(isQuiet).toBe(false)
    target.idle()
    await settle()
    expect(isQuiet).toBe(true)
  })

  test('resolves PAINT_LATEST_MS after the quiet time on a page never idle', async () => {
    const target = new HandWindow()
    let isQuiet = false
    void quietAfterNextPaint(target, 100).then(() => (isQuiet = true))
    target.frame()
    target.elapse(0)
    await settle()
    target.elapse(100)
    await settle()
    target.elapse(PAINT_LATEST_MS - 1)
    await settle()
    expect(isQuiet).toBe(false)
    target.elapse(1)
    await settle()
    expect(isQuiet).toBe(true)
  })
})
