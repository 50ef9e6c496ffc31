import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { BrowserWindow, type PrintToPDFOptions, type SaveDialogOptions, type SaveDialogReturnValue, type Session, type WebContents } from 'electron'
import { CoreError } from '#contract/errors'
import { denyAllPermissions } from './permissions.ts'

/** A4 landscape, as the report's own `@page` rule asks; backgrounds kept so the table header stays shaded. */
export const PDF_OPTIONS = { printBackground: true, pageSize: 'A4', landscape: true } as const satisfies PrintToPDFOptions

/** The in-memory session the report is printed in: nothing it loads is kept, and it shares nothing with the app's. */
export const PRINT_PARTITION = 'backup-desk-print'

const REPORT_DIR_PREFIX = 'backup-desk-report-'
const REPORT_FILE = 'report.html'
const REPORT_PATH = /\/backup-desk-report-[^/]+\/report\.html$/

/** The only request the print window may make: the report page's own temp file. */
export function isReportPageUrl(url: string): boolean {
  if (!URL.canParse(url)) return false
  const parsed = new URL(url)
  return parsed.protocol === 'file:' && REPORT_PATH.test(parsed.pathname)
}

/**
 * The print session asks for nothing and fetches nothing but the report page (docs/reliability.md#r6 for permissions):
 * the page is self-contained, so an image or link that slipped into it could only be a leak.
 */
export function isolatePrintSession(session: Session): void {
  denyAllPermissions(session)
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isReportPageUrl(details.url) })
  })
}

/**
 * The hidden window a report is printed in. The page is the core's self-contained report (no script, no external
 * resource), so the window gets no preload and JavaScript off on top of the main window's hardening
 * (docs/reliability.md#r1); navigation and popups are denied for it like for every WebContents (navigation.ts).
 * The preferences are an inline literal for Electronegativity, as in window.ts.
 */
export function createPrintWindow(session: Session): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 1123,
    height: 794,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      session,
      spellcheck: false
    }
  })
}

/** What printing needs of a BrowserWindow (a fake one in the unit tests). */
export type PrintWindow = Pick<BrowserWindow, 'loadFile' | 'destroy' | 'isDestroyed'> & { readonly webContents: Pick<WebContents, 'printToPDF'> }

export type SavePdfDeps = {
  createWindow(): PrintWindow
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>
  /** Where the page is written for the window to load; default the OS temp folder. */
  tempDir?: string
}

/**
 * `report/compliance-pdf` answered in main: the core's report page printed in a hidden window, then the platform's
 * save dialog, then the PDF written where the admin chose. The window and the page's temp file are gone before
 * the dialog opens, whether printing worked or not; cancelling the dialog saves nothing and is not an error.
 */
export function createSavePdf(deps: SavePdfDeps) {
  return async (suggestedName: string, html: string): Promise<{ saved: boolean; path: string | null }> => {
    const pdf = await printPage(deps, html)
    const result = await deps.showSaveDialog({
      defaultPath: suggestedName,
      filters: [{ name: 'PDF', extensions: ['pdf'] }, { name: 'All files', extensions: ['*'] }]
    })
    if (result.canceled || result.filePath === '') return { saved: false, path: null }
    try {
      await writeFile(result.filePath, pdf)
    } catch (error) {
      throw new CoreError('internal', `${basename(result.filePath)} could not be written there (${errorCode(error)}). Choose another folder.`, undefined, { cause: error })
    }
    return { saved: true, path: result.filePath }
  }
}

/**
 * A file, not a `data:` URL: Chromium caps URLs at 2 MB and a report of thousands of clusters is larger. The file is
 * readable by this user only and removed right after printing.
 */
async function printPage(deps: SavePdfDeps, html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(deps.tempDir ?? tmpdir(), REPORT_DIR_PREFIX))
  let window: PrintWindow | null = null
  try {
    const page = join(dir, REPORT_FILE)
    await writeFile(page, html, { encoding: 'utf8', mode: 0o600 })
    window = deps.createWindow()
    await window.loadFile(page)
    return await window.webContents.printToPDF(PDF_OPTIONS)
  } catch (error) {
    throw new CoreError('internal', `The report could not be printed to a PDF (${errorCode(error)}).`, undefined, { cause: error })
  } finally {
    if (window !== null && !window.isDestroyed()) window.destroy()
    await rm(dir, { recursive: true, force: true })
  }
}

/** `EACCES`, or the error's first line: never a path, which may name the admin's folders. */
function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code
  const message = error instanceof Error ? error.message : String(error)
  return (message.split('\n')[0] ?? '').slice(0, 120)
}
