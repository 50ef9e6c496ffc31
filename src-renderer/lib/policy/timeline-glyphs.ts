import type { TimelineMarkKind } from '#contract/timeline-marks'

/*
 * The Timeline picture's marks, drawn the same way on a lane's canvas and in the legend's SVG: one shape per kind
 * as SVG path data (a Path2D on the canvas reads the same string) and one paint per kind, with colours named by
 * theme variables (lib/ui/theme.css). AUTO a dot, MANUAL a diamond, failed a triangle and missed a cross (both
 * red), a future window a band, an expiry a tick, a backup being created a dashed ring.
 */

export type GlyphColor = '--ok' | '--tag-purple' | '--critical' | '--info' | '--warning' | '--focus'

export const GLYPH_COLORS: readonly GlyphColor[] = ['--ok', '--tag-purple', '--critical', '--info', '--warning', '--focus']

export type GlyphPaint = {
  fill: GlyphColor | null
  fillOpacity: number
  stroke: GlyphColor | null
  strokeOpacity: number
  strokeWidth: number
  dash: readonly number[]
  cap: 'butt' | 'round'
}

const FILLED = { fillOpacity: 1, stroke: null, strokeOpacity: 1, strokeWidth: 0, dash: [], cap: 'butt' } as const
const STROKED = { fill: null, fillOpacity: 1, strokeOpacity: 1, dash: [], cap: 'butt' } as const

export const GLYPH_PAINT: Record<TimelineMarkKind, GlyphPaint> = {
  auto: { ...FILLED, fill: '--ok' },
  manual: { ...FILLED, fill: '--tag-purple' },
  creating: { ...STROKED, stroke: '--ok', strokeWidth: 2, dash: [2, 2] },
  failed: { ...FILLED, fill: '--critical' },
  missed: { ...STROKED, stroke: '--critical', strokeWidth: 3, cap: 'round' },
  window: { fill: '--info', fillOpacity: 0.22, stroke: '--info', strokeOpacity: 0.6, strokeWidth: 1, dash: [], cap: 'butt' },
  expiry: { ...STROKED, stroke: '--warning', strokeWidth: 2.5 }
}

/** The restorable span under a lane: a thin bar from the oldest to the newest available backup. */
export const RESTORABLE = { color: '--ok', opacity: 0.45, height: 4, radius: 2, fromBottom: 7 } as const

/** Half the height of a window band, and the radius around a point mark that hovering or focus rings. */
export const BAND_HALF_HEIGHT = 8
export const RING_RADIUS = 9

/** The ring drawn around the mark under the pointer. */
export const RING = { color: '--focus', width: 2 } as const

const circle = (x: number, y: number, r: number): string => `M ${x - r} ${y} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`

/** A window band's box: `width` wide from x, 2h high centred on y, with rounded corners. */
export function bandBox(x: number, y: number, width: number, h = BAND_HALF_HEIGHT): { x: number; y: number; width: number; height: number; radius: number } {
  return { x, y: y - h, width, height: 2 * h, radius: Math.min(3, width / 2) }
}

function roundedBand(x: number, y: number, width: number, h = BAND_HALF_HEIGHT): string {
  const r = bandBox(x, y, width, h).radius
  const inner = width - 2 * r
  return `M ${x + r} ${y - h} h ${inner} a ${r} ${r} 0 0 1 ${r} ${r} v ${2 * h - 2 * r} a ${r} ${r} 0 0 1 ${-r} ${r} h ${-inner} a ${r} ${r} 0 0 1 ${-r} ${-r} v ${2 * r - 2 * h} a ${r} ${r} 0 0 1 ${r} ${-r} Z`
}

/** A mark's shape centred on (x, y); a window band starts at x and is `width` wide. */
/** The ring's shape around a mark: a circle around a point mark, a band a little wider than a window's. */
export function ringPath(kind: TimelineMarkKind, x: number, y: number, width = 0): string {
  return kind === 'window' ? roundedBand(x - 2, y, Math.max(2, width) + 4, BAND_HALF_HEIGHT + 2) : circle(x, y, RING_RADIUS)
}

export function glyphPath(kind: TimelineMarkKind, x: number, y: number, width = 0): string {
  switch (kind) {
    case 'auto':
      return circle(x, y, 5)
    case 'creating':
      return circle(x, y, 4.5)
    case 'manual':
      return `M ${x} ${y - 6} L ${x + 6} ${y} L ${x} ${y + 6} L ${x - 6} ${y} Z`
    case 'failed':
      return `M ${x} ${y - 6} L ${x + 6} ${y + 5} L ${x - 6} ${y + 5} Z`
    case 'missed':
      return `M ${x - 5} ${y - 5} L ${x + 5} ${y + 5} M ${x + 5} ${y - 5} L ${x - 5} ${y + 5}`
    case 'window':
      return roundedBand(x, y, Math.max(2, width))
    case 'expiry':
      return `M ${x} ${y - 8} L ${x} ${y + 8} M ${x - 4} ${y - 8} L ${x + 4} ${y - 8}`
  }
}
