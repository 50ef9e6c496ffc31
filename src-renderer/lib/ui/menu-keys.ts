/**
 * The keyboard of a popup menu (WAI-ARIA menu pattern), shared by every menu in the app: Escape or Tab closes it,
 * ArrowDown/ArrowUp move through the items and wrap, Home/End go to the first/last item.
 */
export function onMenuKey(event: KeyboardEvent, items: readonly HTMLElement[], close: () => void): void {
  const index = items.indexOf(document.activeElement as HTMLElement)
  if (event.key === 'Escape' || event.key === 'Tab') {
    event.preventDefault()
    event.stopPropagation()
    close()
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault()
    const step = event.key === 'ArrowDown' ? 1 : -1
    items[(index + step + items.length) % items.length]?.focus()
  } else if (event.key === 'Home' || event.key === 'End') {
    event.preventDefault()
    ;(event.key === 'Home' ? items[0] : items.at(-1))?.focus()
  }
}
