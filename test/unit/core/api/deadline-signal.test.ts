import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deadlineSignal } from '#core/api/deadline-signal'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('deadlineSignal: a deadline that lets go of its work when it ends', () => {
  it('aborts with a TimeoutError when its time is up, and says it expired', () => {
    const deadline = deadlineSignal(1000)
    vi.advanceTimersByTime(999)
    expect(deadline.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.signal.reason).toMatchObject({ name: 'TimeoutError' })
    expect(deadline.hasExpired()).toBe(true)
  })

  it('aborts with the parent\'s reason when the parent aborts first, without having expired', () => {
    const parent = new AbortController()
    const deadline = deadlineSignal(1000, parent.signal)
    const reason = new Error('the operation ran out of time')
    parent.abort(reason)
    expect(deadline.signal.reason).toBe(reason)
    expect(deadline.hasExpired()).toBe(false)
  })

  it('starts aborted under a parent that already aborted', () => {
    const parent = new AbortController()
    parent.abort(new Error('gone'))
    expect(deadlineSignal(1000, parent.signal).signal.aborted).toBe(true)
  })

  it('once released, neither its timer nor its parent reaches it any more', () => {
    const parent = new AbortController()
    const deadline = deadlineSignal(1000, parent.signal)
    deadline.release()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(5000)
    parent.abort(new Error('later'))
    expect(deadline.signal.aborted).toBe(false)
    expect(deadline.hasExpired()).toBe(false)
    deadline.release()
  })
})
