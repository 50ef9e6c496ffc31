import { expect, test } from './electron-app.ts'

test('the page cannot get notification permission (OS notices come from main)', async ({ launched }) => {
  const permission = await launched.page.evaluate(() => Notification.requestPermission())
  expect(permission).toBe('denied')
})

test('a notification click route opens the notice in place, without reloading the page', async ({ launched }) => {
  const page = launched.page
  await page.evaluate(() => {
    ;(globalThis as { __loadedOnce?: boolean }).__loadedOnce = true
  })
  // What main does on a click: load `app://bundle/#/notifications?focus=<id>` into the window.
  await launched.app.evaluate(async ({ BrowserWindow }) => {
    await BrowserWindow.getAllWindows()[0]?.loadURL('app://bundle/#/notifications?focus=ntf-1')
  })
  await expect.poll(() => new URL(page.url()).hash).toBe('#/notifications?focus=ntf-1')
  expect(await page.evaluate(() => (globalThis as { __loadedOnce?: boolean }).__loadedOnce)).toBe(true)
})
