import { PROTECTION_CLASS_LABELS, rpoText } from '#contract/protection'
import type { ComplianceRow } from './compliance-rows.ts'

type ReportHeading = { connectionName: string; fromIso: string; toIso: string; generatedIso: string; scopeText: string }

const periodMsOf = (h: ReportHeading): number => Date.parse(h.toIso) - Date.parse(h.fromIso)

/** Every value placed in the page goes through this: names come from the API and may be hostile. */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}

// Self-contained: one inline stylesheet, no script, no external resource; a print stylesheet keeps rows whole
// and always prints dark on white.
const STYLE = `
body { font: 13px/1.4 system-ui, sans-serif; color: #1b1f24; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: #57606a; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: #a40e26; font-weight: 600; }
ul { margin: 0; padding-left: 16px; }
@media screen and (prefers-color-scheme: dark) {
  body { background: #0d1117; color: #e6edf3; }
  .meta { color: #9da7b3; }
  th, td { border-color: #30363d; }
  th { background: #161b22; }
  .bad { color: #ff7b72; }
}
@media print {
  body { margin: 0; font-size: 10px; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}`

/** `2026-11-13 12:00 UTC`: an instant as a printed page shows it. */
function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

export function complianceHtml(rows: readonly ComplianceRow[], heading: ReportHeading): string {
  const e = escapeHtml
  const periodMs = periodMsOf(heading)
  const shortened = rows.some((r) => r.rpoWatchedMs < periodMs)
  const body = rows.map((r) => {
    const lint = r.lint.length === 0 ? '—' : `<ul>${r.lint.map((f) => `<li>${e(f.severity)}: ${e(f.message)}</li>`).join('')}</ul>`
    const template = r.templateName === null ? '—' : `${e(r.templateName)}${r.drift.length === 0 ? ' (in line)' : ` (drift: ${e(r.drift.join(', '))})`}`
    // The policy history does not reach back to the period's end: the cell shows the current policy and says so.
    const policy = r.policyAsOf === r.currentAsOf && r.policyAsOf !== heading.toIso ? `${e(r.policy)}<br><small>now; not known at the period's end</small>` : e(r.policy)
    return `<tr>
<td>${e(r.clusterName)}<br><small>${e(r.clusterId)}</small></td><td>${e(r.projectName)}</td><td>${policy}</td>
<td class="num">${e(rpoText(r.achievedRpoMs, r.rpoWatchedMs, periodMs))}</td><td class="num">${r.restorablePoints === null ? '—' : String(r.restorablePoints)}</td>
<td>${r.newestGood === null ? '—' : e(utcText(r.newestGood))}</td><td class="num${r.missedWindows > 0 ? ' bad' : ''}">${String(r.missedWindows)}</td>
<td class="num${r.failedWindows > 0 ? ' bad' : ''}">${String(r.failedWindows)}</td>
<td>${e(PROTECTION_CLASS_LABELS[r.protection])}</td><td>${template}</td><td>${lint}</td></tr>`
  })
  const period = `Period ${utcText(heading.fromIso)} to ${utcText(heading.toIso)}`
  const now = `Now (generated ${utcText(heading.generatedIso)})`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Backup compliance report — ${e(heading.connectionName)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Backup compliance report — ${e(heading.connectionName)}</h1>
<p class="meta">Period ${e(utcText(heading.fromIso))} to ${e(utcText(heading.toIso))} · ${e(heading.scopeText)} · ${String(rows.length)} clusters · generated ${e(utcText(heading.generatedIso))} by Backup Desk</p>
<p class="meta">Achieved RPO: the longest time without a good backup in the period, the time since the newest one up to the period's end included. Policy, restorable points and newest good backup are as at the period's end; protection, template and policy advice are the current state, as of when the report was generated.</p>
${shortened ? '<p class="meta">Achieved RPO counts only the time since Backup Desk first listed a cluster\'s backups (Zilliz Cloud forgets expired ones); a shorter span is named in the cell.</p>\n' : ''}<table>
<thead><tr><th rowspan="2">Cluster</th><th rowspan="2">Project</th><th colspan="6" scope="colgroup">${e(period)}</th><th colspan="3" scope="colgroup">${e(now)}</th></tr>
<tr><th>Policy at period end</th><th>Achieved RPO</th><th>Restorable points at period end</th><th>Newest good backup up to period end</th><th>Missed windows</th><th>Failed windows</th><th>Protection now</th><th>Template now</th><th>Policy advice now</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>
</body></html>
`
}
