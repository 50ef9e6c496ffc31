/**
 * The searchable text of a list of backups as one flat string, each backup's text ending with a newline (which no
 * search holds: no match spans two backups), and where each begins. A search is one `indexOf` loop over it: V8 runs
 * through a flat string without a call per backup, ≈ 5 ms for a substring that every one of 100,000 backups holds
 * where one `includes` per backup took ≈ 10 ms, and much less for a rare one (bench/ui-backups, search keystrokes).
 */
export class SearchText {
  private readonly text: string
  /** Where each text begins, and one past the last text's newline at the end. */
  private readonly starts: Int32Array

  constructor(texts: readonly string[]) {
    this.starts = new Int32Array(texts.length + 1)
    let at = 0
    for (let i = 0; i < texts.length; i++) {
      this.starts[i] = at
      at += (texts[i] ?? '').length + 1
    }
    this.starts[texts.length] = at
    // `join` makes one flat string, its last newline joined in too: a `+` (a template literal too) would leave a tree
    // of two strings that the first search after each rebuild flattened, ≈ 7 MB copied in that keystroke (≈ 10 ms
    // of the first search after a sync where the next took 3; in process, 100,000 backups).
    this.text = texts.length === 0 ? '' : [...texts, ''].join('\n')
  }

  /**
   * The positions of the texts that hold `needle`, in order. Positions in a typed array: pushing 100,000 matches
   * into an array took as long again as the search itself.
   */
  matching(needle: string): Int32Array {
    const count = this.starts.length - 1
    const found = new Int32Array(count)
    if (needle === '') return found.map((_, i) => i)
    const { text, starts } = this
    let n = 0
    let position = 0
    let at = text.indexOf(needle)
    while (at !== -1) {
      while ((starts[position + 1] ?? Number.POSITIVE_INFINITY) <= at) position++
      const next = starts[position + 1] ?? text.length
      if (at + needle.length < next) {
        found[n++] = position
        at = text.indexOf(needle, next)
      } else {
        // The match takes in this text's closing newline (a search holding one): it is no text's own.
        at = text.indexOf(needle, at + 1)
      }
    }
    return found.subarray(0, n)
  }
}
