import { flushSync } from 'svelte'
import { describe, expect, test } from 'vitest'
import { FleetSelection } from '../../../../src-renderer/lib/state/fleet-selection.svelte.ts'

/** What FleetSelection.followFleet reads of ClustersState: whether the whole list is in, and the list. */
class FleetList {
  hasLoaded = $state(false)
  clusters = $state.raw<{ clusterId: string }[]>([])
}

function followed(fleet: FleetList): { selection: FleetSelection; stop: () => void } {
  const selection = new FleetSelection()
  const stop = $effect.root(() => {
    $effect(() => selection.followFleet(fleet))
  })
  flushSync()
  return { selection, stop }
}

describe('FleetSelection follows the fleet', () => {
  test('a row ticked while only the first rows are shown stays ticked, and stays once the whole list is in', () => {
    const fleet = new FleetList()
    const { selection, stop } = followed(fleet)
    selection.toggle('c-1')
    flushSync()
    expect([...selection.ids]).toEqual(['c-1'])

    fleet.clusters = [{ clusterId: 'c-1' }, { clusterId: 'c-2' }]
    fleet.hasLoaded = true
    flushSync()
    expect([...selection.ids]).toEqual(['c-1'])
    expect(selection.anchor).toBe('c-1')
    stop()
  })

  test('a cluster that leaves the whole list leaves the selection, and so does the anchor on it', () => {
    const fleet = new FleetList()
    fleet.clusters = [{ clusterId: 'c-1' }, { clusterId: 'c-2' }]
    fleet.hasLoaded = true
    const { selection, stop } = followed(fleet)
    selection.toggle('c-1')
    selection.toggle('c-2')
    flushSync()
    expect([...selection.ids]).toEqual(['c-1', 'c-2'])

    fleet.clusters = [{ clusterId: 'c-1' }]
    flushSync()
    expect([...selection.ids]).toEqual(['c-1'])
    expect(selection.anchor).toBeNull()
    stop()
  })
})
