import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test'

const ROOT = resolve(__dirname, '../../..')

export const NO_BINARY = 'Electron binary not available on this machine (offline install)'

/**
 * The Electron executable, or null. Never `require('electron')`: under Node that downloads the
 * binary. The detection lives in scripts/electron-binary.mjs, shared with `npm start`.
 */
export async function findElectronBinary(): Promise<string | null> {
  const script = pathToFileURL(join(ROOT, 'scripts', 'electron-binary.mjs')).href
  const detector = (await import(script)) as { electronBinaryPath(): string | null }
  return detector.electronBinaryPath()
}

export type LaunchedApp = { app: ElectronApplication; page: Page; dataDir: string; close(): Promise<void> }

/** Starts the built app (`electron-vite build` first) on a fresh data directory. */
export async function launchApp(executablePath: string): Promise<LaunchedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backup-desk-e2e-'))
  const app = await _electron.launch({
    executablePath,
    args: [ROOT, '--data-dir', dataDir],
    cwd: ROOT,
    env: { ...process.env, BACKUP_DESK_DATA_DIR: dataDir }
  })
  const page = await app.firstWindow()
  await page.waitForLoadState('domcontentloaded')
  return {
    app,
    page,
    dataDir,
    async close() {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/**
 * `test` with a `launched` fixture: the built app on a fresh data directory, closed after each test.
 * Every spec skips with one line where the Electron binary is missing.
 */
export const test = base.extend<{ launched: LaunchedApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright passes a fixture's dependencies first; this one has none
  launched: async ({}, use) => {
    const binary = await findElectronBinary()
    base.skip(binary === null, NO_BINARY)
    if (binary === null) return
    const launched = await launchApp(binary)
    await use(launched)
    await launched.close()
  }
})

export { expect }
