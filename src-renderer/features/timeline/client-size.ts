/*
 * The lanes' viewport's size, read without forcing the browser to lay the page out more than once before the
 * Timeline's first frame. Svelte's `bind:clientWidth` and `bind:clientHeight` each read the size in an effect as the
 * element is created; the picture's first mount did two such reads, the second after the lane rows went in, and so
 * two synchronous layouts of the whole page in its mount task (bench/timeline.bench.ts measures that first frame).
 */

export type ClientSize = { width: number; height: number }

/**
 * Calls `onSize` with `element`'s client size whenever it changes. A ResizeObserver reports after the browser's own
 * layout of a frame, when reading the size costs nothing; `isReadNow` also reads it at once, a single layout that
 * the frame then reuses, for a first frame that must be drawn to the measured width. The returned function stops.
 */
export function followClientSize(element: HTMLElement, onSize: (size: ClientSize) => void, isReadNow: boolean): () => void {
  const read = (): void => onSize({ width: element.clientWidth, height: element.clientHeight })
  if (isReadNow) read()
  const observer = new ResizeObserver(read)
  observer.observe(element)
  return () => observer.disconnect()
}
