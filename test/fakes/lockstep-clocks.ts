import type { ManualClock } from '#core/lib/clock'
import type { ManualScheduler } from '#core/schedule/manual-scheduler'
import type { RunningEmulator } from '#emulator/index'

/**
 * The core's fake clock and the emulator's manual clock, moved together as the app's and Zilliz Cloud's clocks move:
 * a test that moves only one of them tests a clock skew it did not mean to. Several emulators (organizations) move
 * together with the one core.
 */
export class LockstepClocks {
  private readonly emulators: readonly RunningEmulator[]

  constructor(
    emulator: RunningEmulator | readonly RunningEmulator[],
    private readonly clock: ManualClock
  ) {
    this.emulators = Array.isArray(emulator) ? emulator : [emulator as RunningEmulator]
  }

  /** Every clock to `t`; an emulator's is left where it is when `t` lies behind it (it refuses to go back). */
  set(t: number): void {
    for (const emulator of this.emulators) if (t > emulator.now()) emulator.setTime(t)
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
