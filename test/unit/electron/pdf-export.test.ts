import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SaveDialogOptions, Session } from 'electron'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { createPrintWindow, createSavePdf, isolatePrintSession, isReportPageUrl, PDF_OPTIONS } = await import('../../../src-main/electron/pdf-export.ts')

type FakeWindow = InstanceType<typeof fake.module.BrowserWindow>

const HTML = '<!doctype html><title>Backup compliance report</title><h1>Backup compliance report — Acme</h1>'
const PDF = Buffer.from('%PDF-1.7 printed report')

/** docs/reliability.md#r1 for the print window, spelled out: any added, removed or changed preference fails this test. */
const printSession = { id: 'print-session' } as unknown as Session
const EXPECTED_PRINT_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  javascript: false,
  disableBlinkFeatures: 'Auxclick',
  devTools: false,
  session: printSession,
  spellcheck: false
})

let tempDir = ''
let events: string[] = []
let pageAtLoad: string | null = null

beforeEach(() => {
  fake.reset()
  tempDir = mkdtempSync(join(tmpdir(), 'backup-desk-pdf-test-'))
  events = []
  pageAtLoad = null
})

/** A real print window (the fake BrowserWindow) that records what happens to it, in order. */
function printWindow(): FakeWindow {
  const window = createPrintWindow(printSession) as unknown as FakeWindow
  window.loadFile.mockImplementation((path: string) => {
    events.push('load')
    pageAtLoad = readFileSync(path, 'utf8')
    return Promise.resolve()
  })
  window.webContents.printToPDF.mockImplementation(() => {
    events.push('print')
    return Promise.resolve(PDF)
  })
  window.destroy.mockImplementation(() => {
    events.push('close')
    window.destroyed = true
  })
  return window
}

function saveDialog(answer: { canceled: boolean; filePath: string }) {
  return vi.fn((options: SaveDialogOptions) => {
    events.push(`dialog ${options.defaultPath ?? ''}`)
    return Promise.resolve(answer)
  })
}

const window = (): FakeWindow => {
  const last = fake.module.BrowserWindow.instances.at(-1)
  if (last === undefined) throw new Error('no window was created')
  return last
}

describe('the print window', () => {
  it('is hidden and uses exactly the hardened preferences: sandboxed, isolated, no Node, no preload, no script', () => {
    createPrintWindow(printSession)
    const options = window().options as { show: boolean; webPreferences: Record<string, unknown> }
    expect(options.show).toBe(false)
    expect(options.webPreferences).toStrictEqual(EXPECTED_PRINT_PREFERENCES)
    expect(options.webPreferences).not.toHaveProperty('preload')
  })

  it('lives in a session that denies every permission and lets through only the report page itself', () => {
    const session = fake.sessionOf('backup-desk-print')
    isolatePrintSession(session as unknown as Session)
    expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce()
    const permissionCheck = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (() => boolean) | undefined
    expect(permissionCheck?.()).toBe(false)
    const filter = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void
    const cancelled = (url: string): boolean | undefined => {
      let answer: boolean | undefined
      filter({ url }, ({ cancel }) => {
        answer = cancel
      })
      return answer
    }
    const page = pathToFileURL(join(tmpdir(), 'backup-desk-report-a1B2c3', 'report.html')).href
    expect(cancelled(page)).toBe(false)
    for (const url of ['https://attacker.example/x.png', 'http://127.0.0.1:4010/v2/clusters', 'data:text/html,<h1>x</h1>', 'file:///etc/passwd', 'file:///tmp/backup-desk-report-x/other.html']) {
      expect(cancelled(url), url).toBe(true)
    }
    expect(isReportPageUrl('not a url')).toBe(false)
  })
})

describe('report/compliance-pdf in Electron main', () => {
  it('prints the page in the hidden window as A4 with backgrounds, closes it, then asks where and writes the PDF there', async () => {
    const chosen = join(tempDir, 'audit.pdf')
    const show = saveDialog({ canceled: false, filePath: chosen })
    const savePdf = createSavePdf({ createWindow: printWindow, showSaveDialog: show, tempDir })

    expect(await savePdf('compliance-acme-2026-11-01-2026-12-01.pdf', HTML)).toEqual({ saved: true, path: chosen })
    expect(pageAtLoad).toBe(HTML)
    expect(window().webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'A4', landscape: true })
    expect(PDF_OPTIONS).toEqual({ printBackground: true, pageSize: 'A4', landscape: true })
    expect(events).toEqual(['load', 'print', 'close', 'dialog compliance-acme-2026-11-01-2026-12-01.pdf'])
    expect(show.mock.calls[0]?.[0].filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }, { name: 'All files', extensions: ['*'] }])
    expect(readFileSync(chosen)).toEqual(PDF)
    // The page's temp file is gone: only the saved PDF is left.
    expect(readdirSync(tempDir)).toEqual(['audit.pdf'])
  })

  it('saves nothing when the dialog is cancelled, which is not an error, and the window is closed', async () => {
    const savePdf = createSavePdf({ createWindow: printWindow, showSaveDialog: saveDialog({ canceled: true, filePath: '' }), tempDir })
    expect(await savePdf('report.pdf', HTML)).toEqual({ saved: false, path: null })
    expect(window().isDestroyed()).toBe(true)
    expect(readdirSync(tempDir)).toEqual([])
  })

  it('closes the window and removes the page when printing fails, and never opens the dialog', async () => {
    const show = saveDialog({ canceled: false, filePath: join(tempDir, 'never.pdf') })
    const failing = (): FakeWindow => {
      const w = printWindow()
      w.webContents.printToPDF.mockImplementation(() => Promise.reject(new Error('Failed to generate PDF')))
      return w
    }
    await expect(createSavePdf({ createWindow: failing, showSaveDialog: show, tempDir })('report.pdf', HTML)).rejects.toMatchObject({
      code: 'internal',
      message: 'The report could not be printed to a PDF (Failed to generate PDF).'
    })
    expect(window().isDestroyed()).toBe(true)
    expect(show).not.toHaveBeenCalled()
    expect(readdirSync(tempDir)).toEqual([])
  })

  it('closes the window when the page does not load, naming the error code and never the temp path', async () => {
    const notLoading = (): FakeWindow => {
      const w = printWindow()
      w.loadFile.mockImplementation(() => Promise.reject(Object.assign(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${tempDir}/x'`), { code: 'ERR_FILE_NOT_FOUND' })))
      return w
    }
    const savePdf = createSavePdf({ createWindow: notLoading, showSaveDialog: saveDialog({ canceled: true, filePath: '' }), tempDir })
    const error = await savePdf('report.pdf', HTML).catch((e: unknown) => e as Error)
    expect(error).toMatchObject({ code: 'internal', message: 'The report could not be printed to a PDF (ERR_FILE_NOT_FOUND).' })
    expect(window().destroy).toHaveBeenCalledOnce()
    expect(readdirSync(tempDir)).toEqual([])
  })

  it('answers a file it cannot write with the file name and the reason, not the folder', async () => {
    const chosen = join(tempDir, 'no-such-folder', 'audit.pdf')
    const savePdf = createSavePdf({ createWindow: printWindow, showSaveDialog: saveDialog({ canceled: false, filePath: chosen }), tempDir })
    await expect(savePdf('audit.pdf', HTML)).rejects.toMatchObject({ code: 'internal', message: 'audit.pdf could not be written there (ENOENT). Choose another folder.' })
    expect(window().isDestroyed()).toBe(true)
    expect(existsSync(chosen)).toBe(false)
  })
})
