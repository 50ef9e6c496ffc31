/**
 * Whether the browser host answers this window: the HTTP client says so as its event stream drops and starts and as
 * its requests fail or are answered (http-core-client.ts). Plain, rune-free code: the page's first script makes the
 * client (early-start.ts), before the app's code and Svelte are loaded. Under Electron the core lives in the app
 * itself and nobody reports: the host is always reachable. The top bar shows it (SyncIndicator.svelte): "Synced"
 * while the host cannot be asked would be untrue (test/e2e/ui/host-unreachable.spec.ts).
 */
export class HostReachability {
  private reachable = true
  private readonly listeners = new Set<(isReachable: boolean) => void>()

  get isReachable(): boolean {
    return this.reachable
  }

  /** Tells the listeners only when it changed. */
  report(isReachable: boolean): void {
    if (isReachable === this.reachable) return
    this.reachable = isReachable
    for (const listener of [...this.listeners]) listener(isReachable)
  }

  subscribe(listener: (isReachable: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** The window's one host link, as the window has one core client. */
export const hostReachability = new HostReachability()
