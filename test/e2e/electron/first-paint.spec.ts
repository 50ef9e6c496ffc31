import { expect, test } from './electron-app.ts'

test('once the core is up, the window’s page comes with the Fleet drawn by main, which the app takes over without a CSP violation', async ({ launched }) => {
  const { page } = launched
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  const document = page.waitForResponse((response) => /^app:\/\/bundle\/(index\.html)?(#.*)?$/.test(response.url()))
  await page.reload()
  const body = await (await document).text()
  expect(body).toContain('<meta name="backup-desk-first-paint"')
  expect(body).toContain('id="first-paint-data"')
  await expect(page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible()
  // Taken over: the data is gone from the page, and the app answers (the empty Fleet's actions).
  await expect.poll(() => page.evaluate(() => window.document.getElementById('first-paint-data') === null)).toBe(true)
  await expect(page.getByRole('button', { name: 'Try the demo organization' })).toBeEnabled()
  expect(errors).toEqual([])
})
