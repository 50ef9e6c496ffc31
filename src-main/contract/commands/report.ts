import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'

const isoDate = z.iso.datetime({ offset: true })
/** A report spans at most this long: the history itself is kept at most ten years (HISTORY_RETENTION_DAYS_RANGE). */
const MAX_PERIOD_MS = 3650 * 86_400_000

const period = { from: isoDate, to: isoDate }
const scope = {
  /** Default: the active connection. */
  connectionId: idSchema.optional(),
  /** Only these clusters of the connection (a project or the Fleet's selection); default: all of them. */
  clusterIds: z.array(idSchema).min(1).max(10_000).optional()
}

const periodRule = (v: { from: string; to: string }): boolean => {
  const span = Date.parse(v.to) - Date.parse(v.from)
  return span > 0 && span <= MAX_PERIOD_MS
}
const periodIssue = { message: 'to must be after from, at most ten years later.', path: ['to'] }

const fileSchema = z.object({ filename: z.string(), content: z.string() }).strict()

export const reportCommands = {
  /**
   * The compliance report of a period and a scope (issue 16): per cluster the policy in words, template and drift,
   * achieved RPO in the period, restorable points, newest good backup, missed and failed windows, lint findings.
   * CSV (RFC 4180, UTF-8, a header row, one row per cluster with its id) or a self-contained printable HTML page.
   */
  'report/compliance': defineCommand({
    input: z.object({ ...period, format: z.enum(['csv', 'html']), ...scope }).strict().refine(periodRule, periodIssue),
    output: fileSchema
  }),
  /**
   * The compliance report (the same page as `format: 'html'`) saved as a PDF through the platform's save dialog:
   * the desktop app prints it in Electron's main process. Only the report's parameters cross, never markup, so the
   * page cannot make main print anything else. The browser host refuses it (its page prints the HTML itself).
   */
  'report/compliance-pdf': defineCommand({
    input: z.object({ ...period, ...scope }).strict().refine(periodRule, periodIssue),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }).strict()
  }),
  /** The policy change history of the scope in the period as CSV, oldest first. */
  'report/policy-history': defineCommand({
    input: z.object({ ...period, ...scope }).strict().refine(periodRule, periodIssue),
    output: fileSchema
  })
}
