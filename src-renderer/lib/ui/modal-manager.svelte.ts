import type { Component } from 'svelte'
import { toasts } from '../state/toasts.svelte.ts'

type ResultOf<P> = P extends { onClose: (result?: infer R) => void } ? R : never

/** A modal's code, loaded on first use: `() => import('./SomeDialog.svelte')`. */
export type ModalCode<P extends { onClose: (result?: never) => void }> = () => Promise<{ default: Component<P> }>

type OpenModal = {
  id: number
  component: Component<Record<string, unknown>>
  props: Record<string, unknown>
}

/**
 * Opens modals and resolves with the value the modal passes to `onClose`, so a service acts on what a modal returns
 * and the modal itself only renders. Every modal calls `onClose(result)` once, `undefined` meaning cancelled.
 * Rendered by `ModalHost.svelte` in the shell; the `Dialog` inside each modal traps focus and returns it on close.
 */
class ModalManager {
  stack = $state<OpenModal[]>([])
  /** Modals asked for whose code is still on its way (`openLoaded`). */
  private loading = $state(0)
  private nextId = 1

  /**
   * `open`, for a modal whose code is not in the app's entry (a fresh page loads only what its first frame draws;
   * sections.ts preloads the rest at idle moments). Asked for before its code is in, it waits for it and then opens;
   * meanwhile it counts as open, so a second key press does not ask for a second one. If the code does not arrive
   * (Backup Desk is not answering), a toast says so and it resolves as cancelled.
   */
  async openLoaded<P extends { onClose: (result?: never) => void }>(code: ModalCode<P>, props: Omit<P, 'onClose'>): Promise<ResultOf<P> | undefined> {
    this.loading += 1
    let component: Component<P>
    try {
      component = (await code()).default
    } catch {
      toasts.error('This window could not be opened', 'Its code did not arrive from Backup Desk. Try again in a moment.')
      return undefined
    } finally {
      this.loading -= 1
    }
    return this.open(component, props)
  }

  open<P extends { onClose: (result?: never) => void }>(
    component: Component<P>,
    props: Omit<P, 'onClose'>
  ): Promise<ResultOf<P> | undefined> {
    return new Promise((resolve) => {
      const id = this.nextId++
      const onClose = (result?: ResultOf<P>): void => {
        this.stack = this.stack.filter((m) => m.id !== id)
        resolve(result)
      }
      this.stack = [
        ...this.stack,
        {
          id,
          component: component as unknown as Component<Record<string, unknown>>,
          props: { ...(props as Record<string, unknown>), onClose }
        }
      ]
    })
  }

  /** A modal is open, or asked for and on its way. */
  get isOpen(): boolean {
    return this.stack.length > 0 || this.loading > 0
  }
}

/** The window's one modal stack. */
export const modalManager = new ModalManager()
