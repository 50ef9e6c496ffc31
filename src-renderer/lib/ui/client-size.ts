/*
 * A viewport's size, read when it costs no layout of its own. Svelte's `bind:clientWidth` and `bind:clientHeight`
 * each read the size in an effect as the element is created: a synchronous layout of the whole page in the mount
 * task, wasted when the mount goes on to change the page (the Timeline's picture did two such reads in its first
 * mount; the Fleet's list read its height after building rows for a guessed one, then built a different number).
 */

export type ClientSize = { width: number; height: number }

/**
 * Calls `onSize` with `element`'s client size whenever it changes. A ResizeObserver reports after the browser's own
 * layout of a frame, before that frame is painted, when reading the size costs nothing: what `onSize` changes is
 * drawn in the same frame. `isReadNow` also reads it at once, a single layout that the frame then reuses, for a first
 * frame that must be built to the measured size. The returned function stops.
 */
export function followClientSize(element: HTMLElement, onSize: (size: ClientSize) => void, isReadNow: boolean): () => void {
  const read = (): void => onSize({ width: element.clientWidth, height: element.clientHeight })
  if (isReadNow) read()
  const observer = new ResizeObserver(read)
  observer.observe(element)
  return () => observer.disconnect()
}
