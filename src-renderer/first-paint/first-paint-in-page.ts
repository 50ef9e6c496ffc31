import { FIRST_PAINT_COOKIE, FIRST_PAINT_DATA_ID, FIRST_PAINT_META, isFirstPaintAddress, type FirstPaintData } from '#contract/first-paint'

/*
 * The host's first paint as the page meets it (contract/first-paint.ts): whether the page came with one, and its
 * data for the takeover (main.ts).
 */

/**
 * The page came with the host's first paint and keeps it (its address is the Fleet's list): the first screen's
 * reads came with the page (first-screen.ts and early-start.ts send none). Read from the head, so the page's first
 * script, which may run before the body is in, knows it too.
 */
export function hasFirstPaint(document: Document, hash: string): boolean {
  return document.querySelector(`meta[name="${FIRST_PAINT_META}"]`) !== null && isFirstPaintAddress(hash)
}

/**
 * The host's first paint's data when `app` holds its markup to take over (main.ts), taken out of the page; null when
 * the page came without one or its guard dropped it, and when its data cannot be read (its markup is dropped then).
 */
export function takeFirstPaint(document: Document, app: HTMLElement): FirstPaintData | null {
  const element = document.getElementById(FIRST_PAINT_DATA_ID)
  element?.remove()
  const text = element?.textContent
  if (text === undefined || !app.hasChildNodes()) return null
  try {
    return JSON.parse(text) as FirstPaintData
  } catch {
    app.replaceChildren()
    return null
  }
}

/**
 * Keeps FIRST_PAINT_COOKIE to the window's address, now and as it changes, so that a reload of a screen other than
 * the Fleet's list is answered without a first paint it would drop. Returns the function that stops following.
 */
export function keepFirstPaintCookie(target: Pick<Window, 'addEventListener' | 'removeEventListener' | 'location' | 'document'>): () => void {
  const write = (): void => {
    try {
      target.document.cookie = `${FIRST_PAINT_COOKIE}=${isFirstPaintAddress(target.location.hash) ? '1' : '0'}; Path=/; SameSite=Strict`
    } catch {
      // A document that may keep no cookie (a scheme without them) throws: every page of it then gets the first
      // paint, and one on another screen drops it, as before the cookie.
    }
  }
  write()
  target.addEventListener('hashchange', write)
  return () => target.removeEventListener('hashchange', write)
}
