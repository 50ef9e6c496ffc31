import { kindsDrawn, traceKind, type DrawnLane, type PlacedMark } from '../policy/timeline-drawing.ts'
import { GLYPH_COLORS, GLYPH_PAINT, RESTORABLE, RING, traceRing, type GlyphColor } from '../policy/timeline-glyphs.ts'

/*
 * Draws the Timeline's lanes on screen on ONE canvas: the restorable spans, then each kind's glyphs of every lane as
 * one path filled or stroked once (lib/policy/timeline-drawing.ts), with the shapes and paints of
 * lib/policy/timeline-glyphs.ts. One canvas instead of one per lane and a dozen draw calls instead of two per mark:
 * a fresh page composites one layer, and a pan or zoom repaints in well under a frame (bench/timeline.bench.ts).
 * The shapes are traced on the context itself: no path string is built and parsed, no Path2D made, per repaint.
 */

/** The theme's colours, read once from the computed style (they follow prefers-color-scheme). */
export type Palette = Record<GlyphColor, string>

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element)
  const palette = {} as Palette
  for (const name of GLYPH_COLORS) palette[name] = style.getPropertyValue(name).trim() || 'currentColor'
  return palette
}

/** Calls `onChange` when the colour scheme (and so the palette) changes; the returned function stops it. */
export function onColorScheme(target: Window, onChange: () => void): () => void {
  const scheme = target.matchMedia('(prefers-color-scheme: dark)')
  scheme.addEventListener('change', onChange)
  return () => scheme.removeEventListener('change', onChange)
}

export type LanesDrawing = {
  width: number
  height: number
  /** A lane's height: the lanes are stacked rows of it. */
  rowHeight: number
  lanes: readonly DrawnLane[]
  palette: Palette
  /** The mark under the pointer and its lane's middle, ringed; null when none. */
  ring: { y: number; mark: PlacedMark } | null
}

/**
 * Sizes the canvas for the device's pixel ratio (only when it changed: resizing clears it) and draws the lanes.
 * Returns how many marks it drew.
 */
export function drawLanes(canvas: HTMLCanvasElement, drawing: LanesDrawing, pixelRatio: number): number {
  const w = Math.round(drawing.width * pixelRatio)
  const h = Math.round(drawing.height * pixelRatio)
  if (canvas.width !== w) canvas.width = w
  if (canvas.height !== h) canvas.height = h
  const ctx = canvas.getContext('2d')
  if (ctx === null) return 0
  const { palette } = drawing
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0)
  ctx.clearRect(0, 0, drawing.width, drawing.height)
  ctx.beginPath()
  for (const lane of drawing.lanes) {
    // The bar sits `fromBottom` above the lane's bottom edge, as the legend shows it.
    if (lane.span !== null) ctx.roundRect(lane.span.x, lane.y + drawing.rowHeight / 2 - RESTORABLE.fromBottom, lane.span.width, RESTORABLE.height, RESTORABLE.radius)
  }
  ctx.globalAlpha = RESTORABLE.opacity
  ctx.fillStyle = palette[RESTORABLE.color]
  ctx.fill()
  for (const kind of kindsDrawn(drawing.lanes)) {
    const paint = GLYPH_PAINT[kind]
    ctx.beginPath()
    traceKind(ctx, drawing.lanes, kind)
    if (paint.fill !== null) {
      ctx.globalAlpha = paint.fillOpacity
      ctx.fillStyle = palette[paint.fill]
      ctx.fill()
    }
    if (paint.stroke !== null) {
      ctx.globalAlpha = paint.strokeOpacity
      ctx.strokeStyle = palette[paint.stroke]
      ctx.lineWidth = paint.strokeWidth
      ctx.lineCap = paint.cap
      ctx.setLineDash(paint.dash)
      ctx.stroke()
    }
  }
  ctx.globalAlpha = 1
  const { ring } = drawing
  if (ring !== null) {
    ctx.strokeStyle = palette[RING.color]
    ctx.lineWidth = RING.width
    ctx.lineCap = 'butt'
    ctx.setLineDash([])
    ctx.beginPath()
    traceRing(ctx, ring.mark.kind, ring.mark.x, ring.y, ring.mark.width)
    ctx.stroke()
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  return drawing.lanes.reduce((sum, lane) => sum + lane.marks.length, 0)
}
