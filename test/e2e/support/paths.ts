import { join } from 'node:path'
import { test } from '@playwright/test'

/** The repository root, from the project's test dir (test/e2e/ui); `import.meta` is not available to CJS-compiled specs. */
export function repoRoot(): string {
  return join(test.info().project.testDir, '../../..')
}

/**
 * Where a screen's screenshot goes: `docs/screenshots/<screen>-<light|dark>.png` when UPDATE_SCREENSHOTS is set
 * (`npm run screenshots` refreshes them all), else the test's own output folder, so a test run leaves the
 * committed pictures alone.
 */
export function screenshotPath(file: string): string {
  return process.env.UPDATE_SCREENSHOTS === undefined ? test.info().outputPath(file) : join(repoRoot(), 'docs/screenshots', file)
}
