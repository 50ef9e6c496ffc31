import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './electron-app.ts'

test.beforeEach(() => {
  test.skip(process.env['DBUS_SESSION_BUS_ADDRESS'] === undefined, 'No session bus: run through scripts/with-keyring.sh')
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

test('keytar loads in the packaged runtime and no key material lands in the data dir', async ({ launched }) => {
  const { page, dataDir } = launched
  const marker = 'bd-e2e-secret-0123456789'
  // connection/add checks the key against the API first; the emulator-backed flow lives in the UI suite.
  // Here: whatever the outcome, the key must never be written to the data directory.
  await page.evaluate(
    (apiKey) =>
      (globalThis as unknown as { core: { invoke(name: string, input: unknown): Promise<unknown> } }).core.invoke('connection/add', {
        name: 'e2e',
        baseUrl: 'https://127.0.0.1:9/',
        apiKey
      }),
    marker
  )
  for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(marker), file).toBe(false)
})
