/**
 * Keeps the keyboard's place when the control that had focus goes. A control removed from the page (a link that
 * opens another screen, a card's button once the card changes) or disabled while it works ("Test connection")
 * leaves the focus on the page body: the next Tab starts over from the top and a screen reader says nothing. Here
 * a control disabled for a moment gets the focus back once it is enabled again; one that is gone hands it to the
 * heading of where the admin now is: the open dialog's title, else the screen's `h1` (both `tabindex="-1"`, so
 * they take focus without being a stop of the Tab path). A screen that knows a better place (an outcome message,
 * the button that opened a closed form) focuses it itself; this only acts while the focus is on nothing.
 * test/e2e/ui/focus-kept.spec.ts
 */
export function keepFocus(doc: Document): () => void {
  const view = doc.defaultView
  let lost: HTMLElement | null = null
  let observer: MutationObserver | null = null

  const stopWaiting = (): void => {
    observer?.disconnect()
    observer = null
    lost = null
  }
  const isOnNothing = (): boolean => doc.activeElement === null || doc.activeElement === doc.body

  /** Puts the focus back (re-enabled control) or on the heading, or keeps waiting while neither is there yet. */
  const settle = (): void => {
    if (lost === null) return
    if (!isOnNothing()) {
      stopWaiting()
      return
    }
    if (lost.isConnected) {
      if (isDisabled(lost)) return
      lost.focus({ preventScroll: true })
      stopWaiting()
      return
    }
    const heading = landingHeading(doc)
    if (heading === null) return // The next screen is still loading: its heading comes with a later mutation.
    heading.focus({ preventScroll: true })
    stopWaiting()
  }

  const onFocusOut = (event: FocusEvent): void => {
    const target = event.target
    if (event.relatedTarget !== null || !(target instanceof HTMLElement) || target === doc.body) return
    // Run after the change that took the focus has been drawn (the framework's updates are microtasks). A control
    // still there and enabled then lost focus to a click elsewhere or to another window: the admin's doing.
    view?.setTimeout(() => {
      if (!isOnNothing() || (target.isConnected && !isDisabled(target))) return
      stopWaiting()
      lost = target
      observer = new MutationObserver(settle)
      observer.observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] })
      settle()
    })
  }
  // Focus placed anywhere, or a pointer used, means the admin has moved on: nothing is given back later.
  const onFocusIn = (): void => stopWaiting()

  doc.addEventListener('focusout', onFocusOut)
  doc.addEventListener('focusin', onFocusIn)
  doc.addEventListener('pointerdown', onFocusIn)
  return () => {
    stopWaiting()
    doc.removeEventListener('focusout', onFocusOut)
    doc.removeEventListener('focusin', onFocusIn)
    doc.removeEventListener('pointerdown', onFocusIn)
  }
}

function isDisabled(element: HTMLElement): boolean {
  return element.matches(':disabled')
}

/** The open dialog's title (the top one), else the heading of the screen in `main`. */
function landingHeading(doc: Document): HTMLElement | null {
  const dialogs = doc.querySelectorAll<HTMLDialogElement>('dialog[open]')
  const top = dialogs.item(dialogs.length - 1) as HTMLDialogElement | null
  return top === null ? doc.querySelector<HTMLElement>('main h1[tabindex="-1"]') : top.querySelector<HTMLElement>('h2[tabindex="-1"]')
}
