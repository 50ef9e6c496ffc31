import { CoreError } from '#contract/errors'
import type { ConnectionService } from '../connections/connection-service.ts'
import type { LintEnvironment } from '../fleet/cluster-lint.ts'
import { complianceCsv } from '../report/compliance-csv.ts'
import { complianceHtml } from '../report/compliance-html.ts'
import { complianceRows } from '../report/compliance-rows.ts'
import { policyHistoryCsv } from '../report/policy-history-csv.ts'
import { reportFilename } from '../report/report-filename.ts'
import { listClusters } from '../store/cache.query.ts'
import { getConnection } from '../store/connections.repo.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listPolicyHistory } from '../store/history.repo.ts'
import type { HandlersFor } from './types.ts'

type ReportHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  now: () => number
  lintEnvironment: () => LintEnvironment
  /** The desktop app's "print to PDF, then ask where to save it" (Electron main); absent in the browser host. */
  savePdf?: SavePdfDialog
}

/** Prints a self-contained HTML page to a PDF and saves it where the admin chooses; cancelling is `saved: false`. */
export type SavePdfDialog = (suggestedName: string, html: string) => Promise<{ saved: boolean; path: string | null }>

type ComplianceInput = { from: string; to: string; format: 'csv' | 'html'; connectionId?: string | undefined; clusterIds?: string[] | undefined }

/** Reports over the local cache and history: they answer offline. */
export function reportHandlers(deps: ReportHandlerDeps): HandlersFor<'report/compliance' | 'report/compliance-pdf' | 'report/policy-history'> {
  const { db } = deps
  /** The one place the compliance report is built, for the CSV, the printable page and the PDF alike. */
  const compliance = ({ from, to, format, connectionId, clusterIds }: ComplianceInput): { filename: string; content: string } => {
    const id = deps.connections.resolve(connectionId)
    const connection = getConnection(db, id)
    const now = deps.now()
    const rows = complianceRows(db, { connectionId: id, fromMs: Date.parse(from), toMs: Date.parse(to), ...(clusterIds === undefined ? {} : { clusterIds }) }, now, deps.lintEnvironment())
    const fromIso = new Date(from).toISOString()
    const toIso = new Date(to).toISOString()
    const content = format === 'csv'
      ? complianceCsv(rows)
      : complianceHtml(rows, {
        connectionName: connection.name,
        fromIso,
        toIso,
        generatedIso: new Date(now).toISOString(),
        scopeText: clusterIds === undefined ? 'every cluster of the connection' : `${String(rows.length)} chosen clusters`
      })
    const period = { fromMs: Date.parse(from), toMs: Date.parse(to) }
    return { filename: reportFilename('compliance', connection.name, period, format, deps.lintEnvironment().timeZone), content }
  }
  return {
    'report/compliance': (input) => Promise.resolve(compliance(input)),
    'report/compliance-pdf': async (input) => {
      if (deps.savePdf === undefined) {
        throw new CoreError('input/invalid', 'Saving a PDF is only available in the desktop app; in the browser, save the printable report and print it.')
      }
      const page = compliance({ ...input, format: 'html' })
      return deps.savePdf(page.filename.replace(/\.html$/, '.pdf'), page.content)
    },
    'report/policy-history': ({ from, to, connectionId, clusterIds }) => {
      const id = deps.connections.resolve(connectionId)
      const connection = getConnection(db, id)
      const [fromMs, toMs] = [Date.parse(from), Date.parse(to)]
      const only = clusterIds === undefined ? null : new Set(clusterIds)
      const changes = listPolicyHistory(db, { connectionId: id, limit: 1_000_000 })
        .filter((c) => (only === null || only.has(c.clusterId)) && Date.parse(c.at) >= fromMs && Date.parse(c.at) < toMs)
        .reverse()
      const names = new Map(listClusters(db, { connectionId: id }).map((c) => [c.clusterId, c.clusterName]))
      const filename = reportFilename('policy-history', connection.name, { fromMs, toMs }, 'csv', deps.lintEnvironment().timeZone)
      return Promise.resolve({ filename, content: policyHistoryCsv(changes, names) })
    }
  }
}
