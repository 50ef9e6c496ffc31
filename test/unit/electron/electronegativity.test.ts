import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'

/**
 * docs/reliability.md#r11: the static security gate. Electronegativity 1.10.3 through its programmatic
 * API; the CLI exits 0 whatever it finds, so this gates on check IDs, never on severity.
 */

type Level = { name?: string }
type Issue = { id: string; file: string; location: { line: number }; confidence: Level; sample?: string; description: string }
type ScanResult = { issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }
type Scan = (options: { input: string; electronVersionOverride: string; excludeFromScan: string[] }) => Promise<ScanResult>

const ROOT = resolve(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)
const ELECTRON_VERSION = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version
/** Network checks (they query GitHub/electronjs.org): out of a unit test. */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck']

/** Findings that fail the gate. OPEN_EXTERNAL fails only when not tentative (a literal URL is fine either way). */
const BLOCKING = /^(CONTEXT_ISOLATION|NODE_INTEGRATION|SANDBOX|WEB_SECURITY|INSECURE_CONTENT|EXPERIMENTAL_FEATURES|BLINK_FEATURES|ALLOWPOPUPS|CSP_GLOBAL|PERMISSION_REQUEST_HANDLER_GLOBAL|LIMIT_NAVIGATION_GLOBAL|REMOTE_MODULE|CERTIFICATE_|CUSTOM_ARGUMENTS)/

function isBlocking(issue: Issue): boolean {
  if (issue.id.startsWith('OPEN_EXTERNAL')) return issue.confidence.name !== 'TENTATIVE'
  // Reviewed: for our exact policy the CSP evaluator's only remark is that `script-src 'self'` "can be
  // problematic if you host JSONP, Angular or user uploaded files" (a FIRM "maybe weak"); the app
  // serves none of those, and docs/reliability.md#r3 prescribes 'self'. Any other CSP finding, or another policy,
  // fails.
  if (issue.id === 'CSP_GLOBAL_CHECK' && issue.confidence.name === 'FIRM' && issue.sample === CONTENT_SECURITY_POLICY) return false
  return BLOCKING.test(issue.id)
}

/**
 * Loads Electronegativity with its translation download stubbed out: it fetches locale files from
 * GitHub with retries on every run, which only costs time offline (the built-in English is used).
 */
function loadElectronegativity(): Scan {
  const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))
  const gotPath = createRequire(join(packageDir, 'dist', 'locales', 'i18n.js')).resolve('got')
  const offline = new Module(gotPath)
  offline.loaded = true
  offline.exports = { __esModule: true, default: () => Promise.reject(new Error('offline: translations not fetched')) }
  require.cache[gotPath] = offline
  return require('@doyensec/electronegativity') as Scan
}

const scan = loadElectronegativity()
const run = (input: string) => scan({ input, electronVersionOverride: ELECTRON_VERSION, excludeFromScan: NETWORK_CHECKS })
const describeIssue = (issue: Issue) => `${issue.id} ${issue.file.replace(ROOT, '')}:${issue.location.line} ${issue.description}`

const workDir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
})

/**
 * What gets scanned: the main and preload sources; the built renderer when present; and the CSP the
 * `app://` handler sends, as a `<meta>` page, because Electronegativity only sees CSPs in HTML or in
 * `onHeadersReceived` literals, not in `protocol.handle` responses.
 */
function prepareInput(): string {
  const input = join(workDir, 'app')
  cpSync(join(ROOT, 'src-main', 'electron'), join(input, 'electron'), { recursive: true })
  const renderer = join(ROOT, 'out', 'renderer')
  if (existsSync(renderer)) cpSync(renderer, join(input, 'renderer'), { recursive: true })
  writeFileSync(
    join(input, 'served-csp.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head></html>\n`
  )
  return input
}

describe('Electronegativity gate', () => {
  it('finds nothing blocking in src-main/electron (and the built renderer)', async () => {
    const input = prepareInput()
    const result = await run(input)
    const blocking = result.issues.filter(isBlocking).map(describeIssue)
    expect(blocking).toEqual([])
    // A file it cannot parse is a file it did not check. The renderer bundle uses syntax its 2019-era
    // Babel does not know (private class fields), so only our own sources must parse.
    const ownErrors = result.errors.filter((error) => !error.file.startsWith(join(input, 'renderer')))
    expect(ownErrors).toEqual([])
    const scanned = readdirSync(join(input, 'electron')).filter((name) => name.endsWith('.ts'))
    expect(scanned).toEqual(expect.arrayContaining(['main.ts', 'preload.ts', 'window.ts', 'navigation.ts', 'permissions.ts']))
  }, 60_000)

  it('flags the committed insecure fixture (meta-test: the gate can fail)', async () => {
    const result = await run(join(ROOT, 'test', 'fixtures', 'insecure-main.ts'))
    const ids = new Set(result.issues.filter(isBlocking).map((issue) => issue.id))
    expect([...ids].sort()).toEqual([
      'BLINK_FEATURES_JS_CHECK',
      'CERTIFICATE_ERROR_EVENT_JS_CHECK',
      'CERTIFICATE_VERIFY_PROC_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'CSP_GLOBAL_CHECK',
      'CUSTOM_ARGUMENTS_JS_CHECK',
      'EXPERIMENTAL_FEATURES_JS_CHECK',
      'INSECURE_CONTENT_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'REMOTE_MODULE_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK'
    ])
    // The variable openExternal is reported, as tentative, and does not block.
    expect(result.issues.some((issue) => issue.id === 'OPEN_EXTERNAL_JS_CHECK' && !isBlocking(issue))).toBe(true)
  }, 60_000)
})
