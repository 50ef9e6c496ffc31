import type { TimelineMarkKind } from '#contract/timeline-marks'

/*
 * The Timeline picture's marks, drawn the same way on the lanes' canvas and in the legend's SVG: one shape per kind,
 * traced onto a path sink (the canvas's 2D context itself, or `SvgPath` for the legend's path data), and one paint per
 * kind, with colours named by theme variables (lib/ui/theme.css). AUTO a dot, MANUAL a diamond, failed a triangle and
 * missed a cross (both red), a future window a band, an expiry a tick, a backup being created a dashed ring.
 * The canvas is traced on directly: a pan or zoom repaint builds no path strings for Path2D to parse again
 * (bench/timeline.bench.ts).
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

/**
 * What a shape is traced onto: CanvasRenderingContext2D and Path2D are sinks, and so is `SvgPath`. The glyphs use these
 * calls only; an arc is always a whole circle.
 */
export type PathSink = {
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void
  roundRect(x: number, y: number, width: number, height: number, radius: number): void
  closePath(): void
}

/** SVG path data from the same calls a canvas takes (the legend draws the glyphs with it). */
export class SvgPath implements PathSink {
  private readonly parts: string[] = []
  private at = { x: 0, y: 0 }

  moveTo(x: number, y: number): void {
    this.parts.push(`M ${x} ${y}`)
    this.at = { x, y }
  }

  lineTo(x: number, y: number): void {
    this.parts.push(`L ${x} ${y}`)
    this.at = { x, y }
  }

  /** A whole circle from the current point, which lies on it (as `circle` puts it): two half arcs. */
  arc(x: number, y: number, radius: number): void {
    const opposite = { x: 2 * x - this.at.x, y: 2 * y - this.at.y }
    this.parts.push(`A ${radius} ${radius} 0 1 0 ${opposite.x} ${opposite.y} A ${radius} ${radius} 0 1 0 ${this.at.x} ${this.at.y}`)
  }

  roundRect(x: number, y: number, width: number, height: number, radius: number): void {
    const r = radius
    this.parts.push(`M ${x + r} ${y} h ${width - 2 * r} a ${r} ${r} 0 0 1 ${r} ${r} v ${height - 2 * r} a ${r} ${r} 0 0 1 ${-r} ${r} h ${2 * r - width} a ${r} ${r} 0 0 1 ${-r} ${-r} v ${2 * r - height} a ${r} ${r} 0 0 1 ${r} ${-r} Z`)
    this.at = { x, y }
  }

  closePath(): void {
    this.parts.push('Z')
  }

  toString(): string {
    return this.parts.join(' ')
  }
}

function circle(sink: PathSink, x: number, y: number, r: number): void {
  sink.moveTo(x + r, y)
  sink.arc(x, y, r, 0, 2 * Math.PI)
  sink.closePath()
}

/** A window band: `width` wide from x, 2h high centred on y, with corners rounded up to 3 px. */
function band(sink: PathSink, x: number, y: number, width: number, h = BAND_HALF_HEIGHT): void {
  sink.roundRect(x, y - h, width, 2 * h, Math.min(3, width / 2))
}

/** The ring's shape around a mark: a circle around a point mark, a band a little wider than a window's. */
export function traceRing(sink: PathSink, kind: TimelineMarkKind, x: number, y: number, width = 0): void {
  if (kind === 'window') band(sink, x - 2, y, Math.max(2, width) + 4, BAND_HALF_HEIGHT + 2)
  else circle(sink, x, y, RING_RADIUS)
}

/** A mark's shape centred on (x, y); a window band starts at x and is `width` wide. */
export function traceGlyph(sink: PathSink, kind: TimelineMarkKind, x: number, y: number, width = 0): void {
  switch (kind) {
    case 'auto':
      circle(sink, x, y, 5)
      break
    case 'creating':
      circle(sink, x, y, 4.5)
      break
    case 'manual':
      sink.moveTo(x, y - 6)
      sink.lineTo(x + 6, y)
      sink.lineTo(x, y + 6)
      sink.lineTo(x - 6, y)
      sink.closePath()
      break
    case 'failed':
      sink.moveTo(x, y - 6)
      sink.lineTo(x + 6, y + 5)
      sink.lineTo(x - 6, y + 5)
      sink.closePath()
      break
    case 'missed':
      sink.moveTo(x - 5, y - 5)
      sink.lineTo(x + 5, y + 5)
      sink.moveTo(x + 5, y - 5)
      sink.lineTo(x - 5, y + 5)
      break
    case 'window':
      band(sink, x, y, Math.max(2, width))
      break
    case 'expiry':
      sink.moveTo(x, y - 8)
      sink.lineTo(x, y + 8)
      sink.moveTo(x - 4, y - 8)
      sink.lineTo(x + 4, y - 8)
      break
  }
}

/** A mark's glyph as SVG path data (the legend's). */
export function glyphPath(kind: TimelineMarkKind, x: number, y: number, width = 0): string {
  const path = new SvgPath()
  traceGlyph(path, kind, x, y, width)
  return path.toString()
}

/** The ring's shape as SVG path data. */
export function ringPath(kind: TimelineMarkKind, x: number, y: number, width = 0): string {
  const path = new SvgPath()
  traceRing(path, kind, x, y, width)
  return path.toString()
}
