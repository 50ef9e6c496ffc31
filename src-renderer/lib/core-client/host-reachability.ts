/**
 * Whether the browser host answers this window: the HTTP client says so as its event stream drops and starts and as
 * its requests fail or are answered (http-core-client.ts). Plain, rune-free code: the page's first script makes the
 * client (early-start.ts), before the app's code and Svelte are loaded. Under Electron the core lives in the app
 * itself and nobody reports: the host is always reachable. The top bar shows it (SyncIndicator.svelte): "Synced"
 * while the host cannot be asked would be untrue (test/e2e/ui/host-unreachable.spec.ts).
 */
export class HostReachability {
  private reachable = true
  private sessionEnded = false
  private readonly listeners = new Set<(isReachable: boolean) => void>()

  get isReachable(): boolean {
    return this.reachable
  }

  /**
   * The host answers but refuses this page's session (401): it was started again with a new token, and this page
   * will never be answered again; only the address the new host printed opens one.
   */
  get isSessionEnded(): boolean {
    return this.sessionEnded
  }

  /** Tells the listeners only when it changed. An answered request means the session is (again) good. */
  report(isReachable: boolean): void {
    const wasEnded = this.sessionEnded
    if (isReachable) this.sessionEnded = false
    if (isReachable === this.reachable && wasEnded === this.sessionEnded) return
    this.reachable = isReachable
    for (const listener of [...this.listeners]) listener(isReachable)
  }

  reportSessionEnded(): void {
    if (this.sessionEnded) return
    this.sessionEnded = true
    this.reachable = false
    for (const listener of [...this.listeners]) listener(false)
  }

  subscribe(listener: (isReachable: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** What a request says when the host refused the page's session (the top bar says it too: SyncIndicator.svelte). */
export const SESSION_ENDED_TEXT = 'Backup Desk was restarted, and this page is no longer signed in to it: open the address `npm run web` printed.'

/** The window's one host link, as the window has one core client. */
export const hostReachability = new HostReachability()
