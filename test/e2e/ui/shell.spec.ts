import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, E2E_TOKEN } from '../fixtures.ts'
import { SECTION_NAMES, ShellPage } from '../pages/shell-page.ts'

const version = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version

test('loads the app and shows app/info from the browser host', async ({ page }) => {
  const shell = new ShellPage(page)
  await shell.open()
  await expect(shell.version).toHaveText(`v${version}`)
  await expect(shell.runtime).toHaveText('Browser host')
  await expect(shell.dataDir).toHaveText(process.env.E2E_DATA_DIR ?? '')
})

test('visits every section through the navigation links', async ({ page }) => {
  const shell = new ShellPage(page)
  await shell.open()
  for (const section of SECTION_NAMES) {
    await shell.visit(section)
    await expect(shell.heading(section)).toBeVisible()
    await expect(shell.link(section)).toHaveAttribute('aria-current', 'page')
  }
})

test('moves between sections with Alt+number shortcuts', async ({ page }) => {
  const shell = new ShellPage(page)
  await shell.open()
  await page.keyboard.press('Alt+4')
  await expect(shell.heading('Notifications')).toBeVisible()
  await page.keyboard.press('Alt+2')
  await expect(shell.heading('Backups')).toBeVisible()
})

test('sends the strict CSP and drops the token from the address bar', async ({ page }) => {
  const response = await page.goto(`/?token=${E2E_TOKEN}`)
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  expect(page.url()).not.toContain('token=')
})

test('refuses requests without the session token', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL })
  expect((await anonymous.get('/')).status()).toBe(401)
  expect((await anonymous.post('/rpc/app/info', { data: {} })).status()).toBe(401)
  expect((await anonymous.get('/events')).status()).toBe(401)
  await anonymous.dispose()
})

test.describe('the content security policy', () => {
  test.use({ allowedConsoleErrors: [/Content Security Policy/] })

  test('blocks an injected inline script', async ({ page }) => {
    const shell = new ShellPage(page)
    await shell.open()
    const violation = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true })
        })
    )
    const ran = await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.append(script)
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
    })
    expect(ran).toBe(false)
    expect(await violation).toContain('script-src')
  })
})

test('"?" pressed before the shortcuts dialog\'s code is in opens it once, when the code arrives, with the focus in it', async ({ page }) => {
  // The dialog's code loads on first use (sections.ts, DIALOGS): held here, it is not in when the keys are pressed.
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let asked!: () => void
  const codeAsked = new Promise<void>((resolve) => (asked = resolve))
  await page.route(/\/assets\/ShortcutsDialog-[^/]+\.js$/, async (route) => {
    asked()
    await released
    await route.continue()
  })
  const shell = new ShellPage(page)
  await shell.open()
  await page.locator('body').click()
  await page.keyboard.press('Shift+?')
  await page.keyboard.press('Shift+?')
  await codeAsked
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toHaveCount(0)
  release()
  await expect(dialog).toBeVisible()
  // Asked for twice while loading, it opens once.
  await expect(page.getByRole('dialog')).toHaveCount(1)
  await expect(dialog.getByText('Close', { exact: true })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
