/** What the shell needs from the core's lifecycle; `onResume` is used when the core offers it. */
export type CoreLifecycle = {
  start(): Promise<void>
  stop(): Promise<void>
  onResume?(): Promise<void>
}

export type QuitGuardDeps = {
  /** Stops the core (and anything else that must finish before the process ends). */
  stop(): Promise<void>
  /** Asks Electron to quit again once stopping is done (`app.quit`). */
  quit(): void
  log(message: string, fields: Record<string, string>): void
  /** Upper bound for `stop()`: a hung stop must not keep the app alive forever. */
  timeoutMs?: number
}

export type QuitGuard = {
  /** For `app.on('before-quit')`: holds the first quit until the core has stopped. */
  onBeforeQuit(event: { preventDefault(): void }): void
  /** True from the first quit request on: the window's close-to-tray handler lets it close. */
  isQuitting(): boolean
}

/**
 * A clean quit (issue 8): the first `before-quit` is held, the core stops (its scheduler jobs,
 * timers and database handle), then the quit is repeated and goes through.
 */
export function createQuitGuard(deps: QuitGuardDeps): QuitGuard {
  let state: 'running' | 'stopping' | 'stopped' = 'running'
  const timeoutMs = deps.timeoutMs ?? 5000
  return {
    onBeforeQuit(event) {
      if (state === 'stopped') return
      event.preventDefault()
      if (state === 'stopping') return
      state = 'stopping'
      void stopWithin(() => deps.stop(), timeoutMs)
        .catch((error: unknown) => {
          deps.log('core did not stop cleanly', { error: error instanceof Error ? error.message : String(error) })
        })
        .finally(() => {
          state = 'stopped'
          deps.quit()
        })
    },
    isQuitting: () => state !== 'running'
  }
}

function stopWithin(stop: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`stop took longer than ${timeoutMs} ms`))
    }, timeoutMs)
  })
  return Promise.race([stop(), timeout]).finally(() => {
    clearTimeout(timer)
  })
}
