import { getContext } from 'svelte'
import type { CoreClient } from './core-client/core-client.ts'

const CORE_KEY = Symbol('core-client')
const FIRST_PAINT_KEY = Symbol('first-paint')

/** What the host's first paint renders for, which a page learns from its own layout (first-paint/render-first-paint.ts). */
export type FirstPaintFrame = {
  /** The height a windowed list draws rows for before it can read its own: the host knows no window's size. */
  listHeight: number
}

/** The context `mount` starts the app with: the client is provided once, at boot; `firstPaint` only by the host's render. */
export function rootContext(client: CoreClient, firstPaint?: FirstPaintFrame): Map<symbol, unknown> {
  return new Map<symbol, unknown>([[CORE_KEY, client], ...(firstPaint === undefined ? [] : [[FIRST_PAINT_KEY, firstPaint] as const])])
}

/** The host's first paint's frame when the app is rendered by the host, undefined in a window. */
export function useFirstPaintFrame(): FirstPaintFrame | undefined {
  return getContext<FirstPaintFrame | undefined>(FIRST_PAINT_KEY)
}

export function useCoreClient(): CoreClient {
  const client = getContext<CoreClient | undefined>(CORE_KEY)
  if (client === undefined) throw new Error('No CoreClient in context: mount the app through main.ts.')
  return client
}
