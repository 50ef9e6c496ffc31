import type { Component } from 'svelte'

type ResultOf<P> = P extends { onClose: (result?: infer R) => void } ? R : never

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
  private nextId = 1

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

  get isOpen(): boolean {
    return this.stack.length > 0
  }
}

/** The window's one modal stack. */
export const modalManager = new ModalManager()
