import { untrack } from 'svelte'

/**
 * The clusters chosen for a fleet change, by cluster id. The Fleet list is windowed (only rows in view are in
 * the DOM), so the selection lives here and never in checkboxes: a row scrolled out and back is still ticked.
 */
export class FleetSelection {
  ids = $state<ReadonlySet<string>>(new Set())
  /** Where a range (Shift+click, Shift+Space) starts: the row last toggled on its own. */
  anchor = $state<string | null>(null)
  readonly count: number = $derived(this.ids.size)

  has(clusterId: string): boolean {
    return this.ids.has(clusterId)
  }

  toggle(clusterId: string): void {
    const next = new Set(this.ids)
    if (next.has(clusterId)) next.delete(clusterId)
    else next.add(clusterId)
    this.ids = next
    this.anchor = clusterId
  }

  /**
   * Sets every row from the anchor to `clusterId` (in `order`, the rows as shown) to what the anchor row is:
   * a range extends a selection, or clears part of one. Without an anchor it toggles the one row.
   */
  extendTo(clusterId: string, order: readonly string[]): void {
    const from = this.anchor === null ? -1 : order.indexOf(this.anchor)
    const to = order.indexOf(clusterId)
    if (from === -1 || to === -1) {
      this.toggle(clusterId)
      return
    }
    const range = order.slice(Math.min(from, to), Math.max(from, to) + 1)
    this.setMany(range, this.anchor === null || this.ids.has(this.anchor))
  }

  /** Adds (`isOn`) or removes many rows at once: a project, or everything the filter shows. */
  setMany(clusterIds: readonly string[], isOn: boolean): void {
    const next = new Set(this.ids)
    for (const id of clusterIds) {
      if (isOn) next.add(id)
      else next.delete(id)
    }
    this.ids = next
  }

  /** How many of these rows are selected: all, some or none (a project's header checkbox). */
  coverage(clusterIds: readonly string[]): 'all' | 'some' | 'none' {
    const selected = clusterIds.filter((id) => this.ids.has(id)).length
    return selected === 0 ? 'none' : selected === clusterIds.length ? 'all' : 'some'
  }

  /**
   * Drops the clusters that left the fleet (a sync dropped them, the organization changed), once the whole list is
   * in: its first rows are not all of it. Call it in an effect: it reruns when the list changes, never when the
   * selection does (a row ticked while only the first rows are shown stays ticked).
   */
  followFleet(fleet: { readonly hasLoaded: boolean; readonly clusters: readonly { clusterId: string }[] }): void {
    if (!fleet.hasLoaded) return
    const clusterIds = fleet.clusters.map((c) => c.clusterId)
    untrack(() => this.keepOnly(clusterIds))
  }

  private keepOnly(clusterIds: readonly string[]): void {
    const known = new Set(clusterIds)
    if ([...this.ids].every((id) => known.has(id))) return
    this.ids = new Set([...this.ids].filter((id) => known.has(id)))
    if (this.anchor !== null && !known.has(this.anchor)) this.anchor = null
  }

  clear(): void {
    this.ids = new Set()
    this.anchor = null
  }
}
