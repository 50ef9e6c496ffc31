import { panByPixels, type ViewRange } from '../policy/timeline-view.ts'

/**
 * Panning a time range by dragging: a press on a track starts it, moves past a small threshold pan the view, and
 * the click that ends a real drag is swallowed so that dropping on a mark does not open it.
 */
export class DragPan {
  private drag: { x: number; view: ViewRange; moved: boolean } | null = null
  private wasDrag = false

  constructor(
    private readonly current: () => { view: ViewRange; width: number },
    private readonly onPan: (view: ViewRange) => void,
    /** Elements a drag may start on (a CSS selector matched with `closest`). */
    private readonly handles: string
  ) {}

  down(event: PointerEvent): void {
    if (event.button !== 0 || !(event.target instanceof Element) || event.target.closest(this.handles) === null) return
    this.drag = { x: event.clientX, view: this.current().view, moved: false }
  }

  move(event: PointerEvent, captor: Element | null): void {
    if (this.drag === null) return
    const dx = event.clientX - this.drag.x
    if (!this.drag.moved && Math.abs(dx) < 4) return
    if (!this.drag.moved) captor?.setPointerCapture(event.pointerId)
    this.drag.moved = true
    this.onPan(panByPixels(this.drag.view, dx, this.current().width))
  }

  up(): void {
    this.wasDrag = this.drag?.moved ?? false
    this.drag = null
  }

  clickCapture(event: MouseEvent): void {
    if (!this.wasDrag) return
    this.wasDrag = false
    event.preventDefault()
    event.stopPropagation()
  }
}
