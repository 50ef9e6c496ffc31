import type { Unsubscribe } from '../core-client/core-client.ts'

/** A state that reads the core once (`load`) and then follows its events (`watch`, which returns its unsubscribe). */
export type Followable = {
  load(): Promise<void>
  watch(): Unsubscribe
}

/** One unsubscribe that ends each of `stops`, for a component's onMount to return. */
export function stopAll(stops: readonly Unsubscribe[]): Unsubscribe {
  return () => {
    for (const stop of stops) stop()
  }
}

/**
 * Loads each state and starts its watch; the result stops every watch. The component that owns the states
 * calls it in onMount and returns the result, so what it started ends with it
 * (docs/architecture.md, "Renderer state has one life cycle"): `onMount(() => follow(drafts, fleet))`.
 */
export function follow(...states: readonly Followable[]): Unsubscribe {
  return stopAll(
    states.map((state) => {
      void state.load()
      return state.watch()
    })
  )
}
