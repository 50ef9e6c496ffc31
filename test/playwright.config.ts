import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { defineConfig } from '@playwright/test'

const root = resolve(__dirname, '..')
const port = Number(process.env.E2E_PORT ?? 5199)
const token = 'e2e-session-token'
// Set once in the runner; workers inherit it, so every test sees the same host's data dir.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'backup-desk-e2e-'))
process.env.E2E_TOKEN = token

const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic'
]

export default defineConfig({
  testDir: join(root, 'test/e2e'),
  outputDir: join(root, 'test-results'),
  timeout: 30_000,
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off'
  },
  projects: [
    {
      name: 'chromium',
      testDir: join(root, 'test/e2e/ui'),
      use: {
        browserName: 'chromium',
        headless: process.env.HEADED === undefined,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumFlags
        }
      }
    },
    {
      name: 'electron',
      testDir: join(root, 'test/e2e/electron')
    }
  ],
  webServer: {
    command: `node scripts/web.mjs --port ${port} --token ${token} --data-dir ${process.env.E2E_DATA_DIR}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'pipe',
    stderr: 'pipe'
  }
})
