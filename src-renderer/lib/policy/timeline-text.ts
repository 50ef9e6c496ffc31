import { formatLocalAndUtc } from '#contract/time'
import { TIMELINE_MARK_LABELS } from '#contract/timeline-marks'
import type { PictureMark } from '../state/timeline-lanes.svelte.ts'

/** An instant as the picture words it: local time first (with its offset) and UTC beside it, or UTC first on demand. */
export function instantText(ms: number, timeZone: string, utcFirst: boolean): string {
  const t = formatLocalAndUtc(new Date(ms).toISOString(), timeZone)
  return utcFirst ? `${t.utc} UTC · ${t.local} local (${t.offset})` : t.text
}

/** What a mark is, for its tooltip, the live region and its accessible name: kind, cluster, backup, when. */
export function markText(mark: PictureMark, clusterName: string, timeZone: string, utcFirst: boolean): string {
  const parts: string[] = [TIMELINE_MARK_LABELS[mark.kind], clusterName]
  if (mark.backupName !== undefined) parts.push(mark.backupName)
  parts.push(instantText(mark.ms, timeZone, utcFirst))
  if (mark.endMs !== null) parts.push(`until ${instantText(mark.endMs, timeZone, utcFirst)}`)
  return parts.join(' · ')
}

/** The lane label's accessible name: the cluster and what it can be restored from now. */
export function restorableText(span: { fromMs: number; toMs: number } | null, timeZone: string, utcFirst: boolean): string {
  if (span === null) return 'nothing restorable now'
  return `restorable from ${instantText(span.fromMs, timeZone, utcFirst)} to ${instantText(span.toMs, timeZone, utcFirst)}`
}
