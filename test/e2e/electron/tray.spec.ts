import { expect, test } from './electron-app.ts'

test('closing the window hides it to the tray and the app keeps running', async ({ launched }) => {
  const { app } = launched
  await app.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.close()
  })
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible())))
    .toEqual([false])
})

test('starts with exactly one window', async ({ launched }) => {
  const { app } = launched
  const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)
  expect(windows).toBe(1)
})
