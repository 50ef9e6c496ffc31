import type { TimelineMarkKind } from '#contract/timeline-marks'
import { GLYPH_COLORS, GLYPH_PAINT, RESTORABLE, RING, bandBox, glyphPath, ringPath, type GlyphColor } from '../policy/timeline-glyphs.ts'

/*
 * Draws a Timeline lane on a canvas: the restorable span and the marks in view, with the shapes and paints of
 * lib/policy/timeline-glyphs.ts. A lane is one canvas instead of an SVG element per mark, so a fresh page builds a
 * few dozen elements rather than thousands and a pan or zoom repaints in well under a frame (bench/timeline.bench.ts).
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

/** A mark placed on the lane: x in CSS pixels; a window band's width, 0 for point marks. */
export type PlacedMark = { kind: TimelineMarkKind; x: number; width: number }

export type LaneDrawing = {
  width: number
  height: number
  marks: readonly PlacedMark[]
  /** The restorable span's x and width, or null when none shows. */
  span: { x: number; width: number } | null
  palette: Palette
  /** The mark under the pointer, ringed; null when none. */
  ring: PlacedMark | null
}

/** Point glyphs at x = 0 (per kind and lane middle), parsed once and moved into place with a translation. */
const pointPaths = new Map<string, Path2D>()

function pointPath(kind: TimelineMarkKind, y: number): Path2D {
  const key = `${kind}:${String(y)}`
  let path = pointPaths.get(key)
  if (path === undefined) {
    path = new Path2D(glyphPath(kind, 0, y))
    pointPaths.set(key, path)
  }
  return path
}

/** Fills and strokes a mark as its kind's paint says: a window band as a rounded box, a point glyph from its path. */
function paintMark(ctx: CanvasRenderingContext2D, mark: PlacedMark, y: number, palette: Palette, pixelRatio: number): void {
  const paint = GLYPH_PAINT[mark.kind]
  const path = mark.kind === 'window' ? null : pointPath(mark.kind, y)
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, path === null ? 0 : mark.x * pixelRatio, 0)
  if (path === null) {
    const box = bandBox(mark.x, y, Math.max(2, mark.width))
    ctx.beginPath()
    ctx.roundRect(box.x, box.y, box.width, box.height, box.radius)
  }
  if (paint.fill !== null) {
    ctx.globalAlpha = paint.fillOpacity
    ctx.fillStyle = palette[paint.fill]
    if (path === null) ctx.fill()
    else ctx.fill(path)
  }
  if (paint.stroke !== null) {
    ctx.globalAlpha = paint.strokeOpacity
    ctx.strokeStyle = palette[paint.stroke]
    ctx.lineWidth = paint.strokeWidth
    ctx.lineCap = paint.cap
    ctx.setLineDash([...paint.dash])
    if (path === null) ctx.stroke()
    else ctx.stroke(path)
  }
}

/** Sizes the canvas for the device's pixel ratio (only when it changed: resizing clears it) and draws the lane. */
export function drawLane(canvas: HTMLCanvasElement, drawing: LaneDrawing, pixelRatio: number): void {
  const w = Math.round(drawing.width * pixelRatio)
  const h = Math.round(drawing.height * pixelRatio)
  if (canvas.width !== w) canvas.width = w
  if (canvas.height !== h) canvas.height = h
  const ctx = canvas.getContext('2d')
  if (ctx === null) return
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0)
  ctx.clearRect(0, 0, drawing.width, drawing.height)
  const { palette, span } = drawing
  if (span !== null) {
    ctx.globalAlpha = RESTORABLE.opacity
    ctx.fillStyle = palette[RESTORABLE.color]
    ctx.beginPath()
    ctx.roundRect(span.x, drawing.height - RESTORABLE.fromBottom, span.width, RESTORABLE.height, RESTORABLE.radius)
    ctx.fill()
  }
  const y = drawing.height / 2
  for (const mark of drawing.marks) paintMark(ctx, mark, y, palette, pixelRatio)
  ctx.globalAlpha = 1
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0)
  if (drawing.ring !== null) {
    ctx.strokeStyle = palette[RING.color]
    ctx.lineWidth = RING.width
    ctx.setLineDash([])
    ctx.stroke(new Path2D(ringPath(drawing.ring.kind, drawing.ring.x, y, drawing.ring.width)))
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0)
}
