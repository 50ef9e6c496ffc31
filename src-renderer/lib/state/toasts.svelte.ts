import type { RemedyAction } from '../services/key-prompt.ts'

export type ToastKind = 'info' | 'success' | 'warning' | 'error'

type Toast = {
  id: number
  kind: ToastKind
  title: string
  body?: string
  /** A button that fixes the problem, e.g. "Enter key"; choosing it dismisses the toast. */
  action?: RemedyAction
}

const DEFAULT_TIMEOUT_MS: Record<ToastKind, number> = {
  info: 6000,
  success: 5000,
  warning: 9000,
  error: 12000
}

/** Transient messages in the corner of the window. Errors stay longer; every toast can be dismissed. */
class ToastsState {
  items = $state<Toast[]>([])
  private nextId = 1
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>()

  show(kind: ToastKind, title: string, body?: string, timeoutMs = DEFAULT_TIMEOUT_MS[kind], action?: RemedyAction): number {
    const id = this.nextId++
    const toast: Toast = { id, kind, title, ...(body === undefined ? {} : { body }), ...(action === undefined ? {} : { action }) }
    this.items = [...this.items.slice(-4), toast]
    if (timeoutMs > 0) this.timers.set(id, setTimeout(() => this.dismiss(id), timeoutMs))
    return id
  }

  success(title: string, body?: string): number {
    return this.show('success', title, body)
  }

  error(title: string, body?: string, action?: RemedyAction): number {
    return this.show('error', title, body, DEFAULT_TIMEOUT_MS.error, action)
  }

  dismiss(id: number): void {
    const timer = this.timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    this.timers.delete(id)
    this.items = this.items.filter((t) => t.id !== id)
  }
}

/** The one toast stack of the window (it holds no core data, so it needs no client). */
export const toasts = new ToastsState()
