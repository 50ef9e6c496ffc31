// npm test: every suite — lint, type checks, build, unit + integration (Vitest), keychain (real
// Secret Service), end-to-end (Playwright in Debian's Chromium) — then one plain line
// "N passed, N failed, N skipped" counting every test and check.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { electronBinaryPath } from './electron-binary.mjs'
import { ROOT, bin } from './run-tool.mjs'

const totals = { passed: 0, failed: 0, skipped: 0 }
const lines = []
const reports = mkdtempSync(join(tmpdir(), 'backup-desk-test-'))

function run(command, args, env = {}) {
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0
}

function record(suite, counts) {
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  lines.push(`${suite}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${counts.note ? ` (${counts.note})` : ''}`)
}

function check(suite, command, args) {
  process.stdout.write(`\n== ${suite}\n`)
  const ok = run(command, args)
  record(suite, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 })
  return ok
}

function vitestSuite(suite, config, wrapper = []) {
  process.stdout.write(`\n== ${suite}\n`)
  const output = join(reports, `${suite.replace(/\W+/g, '-')}.json`)
  const args = ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]
  const ok = wrapper.length === 0 ? run(bin('vitest'), args) : run(wrapper[0], [...wrapper.slice(1), bin('vitest'), ...args])
  if (!existsSync(output)) {
    record(suite, { passed: 0, failed: 1, skipped: 0, note: 'the suite did not run' })
    return
  }
  const report = JSON.parse(readFileSync(output, 'utf8'))
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  // A suite that crashes outside a test (a failing import, a hook) still counts as a failure.
  const extraFailure = !ok && report.numFailedTests === 0 ? 1 : 0
  record(suite, { passed: report.numPassedTests, failed: report.numFailedTests + extraFailure, skipped })
}

function playwrightSuite(suite) {
  process.stdout.write(`\n== ${suite}\n`)
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromium)) {
    process.stdout.write(`Chromium is missing — install it with: sudo apt-get install -y chromium\n`)
    record(suite, { passed: 0, failed: 1, skipped: 0, note: 'Chromium is not installed' })
    return
  }
  if (electronBinaryPath() === null) {
    process.stdout.write("The Electron tests (test/e2e/electron) are skipped: Electron's binary is not installed on this machine.\n")
  }
  const output = join(reports, 'playwright.json')
  const ok = run(bin('playwright'), ['test', '--config', 'test/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: output
  })
  if (!existsSync(output)) {
    record(suite, { passed: 0, failed: 1, skipped: 0, note: 'the suite did not run' })
    return
  }
  const { stats } = JSON.parse(readFileSync(output, 'utf8'))
  const failed = stats.unexpected + (stats.flaky ?? 0)
  record(suite, { passed: stats.expected, failed: failed + (!ok && failed === 0 ? 1 : 0), skipped: stats.skipped })
}

const nativeReady = check('native modules for Node', process.execPath, [join(ROOT, 'scripts', 'ensure-native.mjs'), 'node'])
check('lint', bin('eslint'), ['--max-warnings', '0', '.'])
check('types (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
check('types (svelte-check)', bin('svelte-check'), ['--tsconfig', 'src-renderer/tsconfig.json', '--fail-on-warnings', '--threshold', 'warning'])
const built = check('build', process.execPath, [join(ROOT, 'scripts', 'build.mjs')])
if (nativeReady) {
  vitestSuite('unit and integration', 'test/vitest.config.mts')
  vitestSuite('keychain', 'test/vitest.keyring.config.mts', ['sh', join(ROOT, 'scripts', 'with-keyring.sh')])
}
if (built) playwrightSuite('end-to-end')

process.stdout.write(`\n${lines.join('\n')}\n\n`)
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
process.exitCode = totals.failed === 0 ? 0 : 1
