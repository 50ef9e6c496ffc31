import type { ManualClock } from '#core/lib/clock'
import type { ManualScheduler } from '#core/schedule/manual-scheduler'
import type { RunningEmulator } from '#emulator/index'

/**
 * The core's fake clock and the emulator's manual clock, moved together as the app's and Zilliz Cloud's clocks move:
 * a test that moves only one of them tests a clock skew it did not mean to.
 */
export class LockstepClocks {
  constructor(
    private readonly emulator: RunningEmulator,
    private readonly clock: ManualClock
  ) {}

  /** Both clocks to `t`; the emulator's is left where it is when `t` lies behind it (it refuses to go back). */
  set(t: number): void {
    if (t > this.emulator.now()) this.emulator.setTime(t)
    this.clock.set(t)
  }

  /**
   * Moves both clocks to `t`, firing each instant `scheduler` planned on the way with both clocks at that instant,
   * as the app's timers would fire (the watcher raises a missed notice at the deadline, not at `t`).
   */
  moveTo(t: number, scheduler: ManualScheduler): void {
    for (let guard = 0; guard < 1000; guard++) {
      const at = scheduler.nextAt()
      if (at === null || at > t) break
      this.set(Math.max(at, this.clock.now()))
      scheduler.runDue(this.clock.now())
    }
    this.set(t)
  }
}
