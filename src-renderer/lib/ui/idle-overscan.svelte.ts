/**
 * The rows a windowed list draws beyond its viewport, which only a scroll needs: none while its first rows are
 * drawn, so that the list's first frame builds, lays out and paints only what it shows (bench/ui-backups,
 * bench/ui-fleet), and `rows` from the first idle moment after that (or half a second on, on a page never idle).
 * `isShown`: the list has its first rows (what the idle moment is to follow). Call it while a component is created:
 * the wait belongs to that component and ends with it.
 */
export function idleOverscan(rows: number, isShown: () => boolean): { readonly rows: number } {
  let overscan = $state(0)
  $effect(() => {
    if (!isShown() || overscan === rows) return
    const idle = requestIdleCallback(() => (overscan = rows), { timeout: 500 })
    return () => cancelIdleCallback(idle)
  })
  return {
    get rows() {
      return overscan
    }
  }
}
