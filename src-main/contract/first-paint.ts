import type { Envelope } from './envelope.ts'

/*
 * The host's first paint (docs/architecture.md, "First paint from the host"): the page a fresh window asks for
 * carries the app as it draws the Fleet with its first rows, rendered by the host from the answers of the reads the
 * app's first frame makes, and those answers; the page's code takes that markup over (Svelte's hydration) with the
 * same answers instead of drawing it again. The renderer's side is built apart (first-paint.vite.config.mts →
 * out/first-paint/render-first-paint.mjs) and the hosts load it as a built file, as they serve the renderer's:
 * these types are all they share with it.
 */

/** A read the first paint shows the answer of: a contract command and its input. */
export type FirstPaintRead = { name: string; input: unknown }

/**
 * What the first paint is drawn from, and the page takes it over with: the instant, the height the Fleet's list
 * draws rows for (the host knows no window's size; the list reads its own once the page has it), and each read's
 * answer by command.
 */
export type FirstPaintData = { now: number; listHeight: number; answers: Record<string, Envelope<unknown>> }

/**
 * The list's height for the first paint: a full-HD screen's, so that most windows show no row missing. A list of
 * Electron's default window (≈ 560 px of it) drew 624 against 651 ms (alternated fresh browsers, medians of 12: no
 * difference through the noise).
 */
export const FIRST_PAINT_LIST_HEIGHT = 1080

/** What out/first-paint/render-first-paint.mjs exports. */
export type FirstPaintRenderer = {
  /** The reads to make for a page in `locale` (the first tag of its Accept-Language), or none known. */
  reads(locale: string | undefined): FirstPaintRead[]
  /** The app's markup on the Fleet (the inside of index.html's `#app`) from those reads' answers. */
  render(data: FirstPaintData): string
}

/** The element of index.html that carries the FirstPaintData as JSON; the page reads it as it takes over. */
export const FIRST_PAINT_DATA_ID = 'first-paint-data'

/** A meta element of index.html's head that says the page came with a first paint (read before the body is in). */
export const FIRST_PAINT_META = 'backup-desk-first-paint'

/**
 * The addresses whose first screen the first paint is (the Fleet's list: no hash, `#`, `#/`, `#/fleet`): a page
 * opened on any other hides it from its head on and drops it as its body is parsed, before any paint (the host's
 * guard and page scripts, core/security/first-paint-page.ts), and draws that screen as before. A regular
 * expression's source, for those scripts and the page's code alike.
 */
export const FIRST_PAINT_ADDRESS = '^(#\\/?(fleet)?)?$'

/** The page at `hash` keeps the first paint it came with. */
export function isFirstPaintAddress(hash: string): boolean {
  return new RegExp(FIRST_PAINT_ADDRESS).test(hash)
}

/**
 * A cookie the page keeps as its address changes (first-paint-in-page.ts): '1' while the window shows the Fleet's
 * list, '0' on any other screen. A reload sends it with its request for the page, and a page whose address left the
 * list gets no first paint: it would drop it at once, after the host had spent its reads and the page its parsing
 * on it. A window opened afresh on the list after another screen was last shown (a new tab) gets none either and
 * draws the list as the app does without one.
 */
export const FIRST_PAINT_COOKIE = 'backup_desk_fleet_list'
