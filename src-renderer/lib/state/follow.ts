import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

/** A state that reads the core (`load`) and follows its events (`watch`, which returns its unsubscribe). */
type Followable = {
  load(): Promise<void>
  watch(): Unsubscribe
  /** Reads again after missed events where `load` would undo the admin's work (an edited form); else `load` does. */
  refresh?(): Promise<void>
}

/** One unsubscribe that ends each of `stops`, for a component's onMount to return. */
export function stopAll(stops: readonly Unsubscribe[]): Unsubscribe {
  return () => {
    for (const stop of stops) stop()
  }
}

/**
 * Starts each state's watch and loads it, and reads each again whenever the client says events may have been
 * missed; the result stops it all. An event the core sent while the page was not on its event stream (the host
 * restarted, or the stream began after a read was answered) never reaches the page, so a state only read before
 * would stay as it was, e.g. "Syncing…" for a sync long over (test/e2e/ui/event-stream-gaps.spec.ts).
 * The component that owns the states calls it in onMount and returns the result, so what it started ends with it
 * (docs/architecture.md, "Renderer state has one life cycle"): `onMount(() => follow(client, drafts, fleet))`.
 */
export function follow(client: Pick<CoreClient, 'onMissedEvents'>, ...states: readonly Followable[]): Unsubscribe {
  return followAfter(null, client, ...states)
}

/**
 * `follow`, with the first reads held back until `first` settles (the shell's reads wait for the first screen's
 * answer, App.svelte); events missed before that need nothing more, the first reads come after them anyway.
 */
export function followAfter(first: Promise<unknown> | null, client: Pick<CoreClient, 'onMissedEvents'>, ...states: readonly Followable[]): Unsubscribe {
  const stops = states.map((state) => state.watch())
  let hasLoaded = false
  let isStopped = false
  const load = (): void => {
    hasLoaded = true
    for (const state of states) void state.load()
  }
  stops.push(
    client.onMissedEvents(() => {
      if (hasLoaded) for (const state of states) void (state.refresh === undefined ? state.load() : state.refresh())
    })
  )
  if (first === null) load()
  else
    void first
      .catch(() => undefined)
      .then(() => {
        if (!isStopped) load()
      })
  stops.push(() => (isStopped = true))
  return stopAll(stops)
}
