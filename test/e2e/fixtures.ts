import { test as base, expect, type ConsoleMessage } from '@playwright/test'

type Fixtures = { allowedConsoleErrors: RegExp[]; consoleErrors: string[] }

/** Every UI test fails on a console error or an uncaught page error (CSP violations included). */
export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = []
      const record = (text: string): void => {
        if (!allowedConsoleErrors.some((pattern) => pattern.test(text))) errors.push(text)
      }
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') record(message.text())
      })
      page.on('pageerror', (error) => record(error.message))
      await use(errors)
      expect(errors, 'console errors').toEqual([])
    },
    { auto: true }
  ]
})

export { expect }

export const E2E_TOKEN = process.env.E2E_TOKEN ?? 'e2e-session-token'
