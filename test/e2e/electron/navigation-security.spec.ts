import { expect, test } from './electron-app.ts'

test('the page runs sandboxed on app://bundle with only window.core exposed', async ({ launched }) => {
  const page = launched.page
  expect(page.url()).toMatch(/^app:\/\/bundle\//)
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    core: Object.keys((globalThis as { core?: object }).core ?? {}).sort()
  }))
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', core: ['invoke', 'on'] })
})

test('external links neither navigate the window nor open popups', async ({ launched }) => {
  const page = launched.page
  const before = page.url()
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
  await page.evaluate(() => {
    const link = document.createElement('a')
    link.href = 'https://example.com/'
    link.textContent = 'out'
    document.body.append(link)
    link.click()
  })
  await expect.poll(() => page.url()).toBe(before)
  expect(launched.app.windows()).toHaveLength(1)
})

test('the bridge answers app/info from the electron runtime on the per-test data dir', async ({ launched }) => {
  const info = await launched.page.evaluate(() =>
    (globalThis as unknown as { core: { invoke(name: string, input: unknown): Promise<unknown> } }).core.invoke('app/info', {})
  )
  expect(info).toEqual({ ok: true, value: expect.objectContaining({ runtime: 'electron', dataDir: launched.dataDir }) as unknown })
})
