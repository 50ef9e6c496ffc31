/** A binary min-heap of world events ordered by (at, seq), so equal times keep insertion order. */
import type { WorldEvent } from './model.ts'

export class EventQueue {
  private readonly heap: WorldEvent[] = []

  get size(): number {
    return this.heap.length
  }

  peek(): WorldEvent | undefined {
    return this.heap[0]
  }

  toArray(): WorldEvent[] {
    return [...this.heap]
  }

  push(event: WorldEvent): void {
    const heap = this.heap
    heap.push(event)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]
      if (p === undefined || !before(event, p)) break
      heap[i] = p
      i = parent
    }
    heap[i] = event
  }

  pop(): WorldEvent | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (top === undefined || last === undefined || heap.length === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = last
      let target = -1
      const l = heap[left]
      if (l !== undefined && before(l, smallest)) {
        smallest = l
        target = left
      }
      const r = heap[right]
      if (r !== undefined && before(r, smallest)) {
        smallest = r
        target = right
      }
      if (target === -1) break
      heap[i] = smallest
      i = target
    }
    heap[i] = last
    return top
  }
}

function before(a: WorldEvent, b: WorldEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}
