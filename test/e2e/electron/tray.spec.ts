import { expect, test } from '@playwright/test'
import { findElectronBinary, launchApp, NO_BINARY, type LaunchedApp } from './electron-app.ts'

let launched: LaunchedApp | undefined

test.beforeEach(async () => {
  const binary = await findElectronBinary()
  test.skip(binary === null, NO_BINARY)
  if (binary !== null) launched = await launchApp(binary)
})

test.afterEach(async () => {
  await launched?.close()
  launched = undefined
})

test('closing the window hides it to the tray and the app keeps running', async () => {
  const { app } = launched!
  await app.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.close()
  })
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible())))
    .toEqual([false])
})

test('starts with exactly one window', async () => {
  const { app } = launched!
  const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)
  expect(windows).toBe(1)
})
