import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron'
import type { OpenFileKind } from '#contract/commands/file'
import { FILE_TEXT_MAX } from '#contract/limits'
import { CoreError } from '#contract/errors'

type ShowOpenDialog = (options: OpenDialogOptions) => Promise<OpenDialogReturnValue>

const FILTERS: Record<OpenFileKind, { name: string; extensions: string[] }> = {
  yaml: { name: 'YAML', extensions: ['yaml', 'yml'] },
  json: { name: 'JSON', extensions: ['json'] }
}

/**
 * `file/open` answered in main: the platform's open dialog, then the chosen file's text. The page gets the text and
 * the file's name, never a path, and never reads a file itself.
 */
export function createOpenFile(show: ShowOpenDialog) {
  return async (accept: readonly OpenFileKind[]): Promise<{ opened: boolean; name: string | null; text: string | null }> => {
    const kinds = accept.map((kind) => FILTERS[kind])
    const both = { name: kinds.map((k) => k.name).join(' or '), extensions: kinds.flatMap((k) => k.extensions) }
    const result = await show({ properties: ['openFile'], filters: [both, { name: 'All files', extensions: ['*'] }] })
    const path = result.filePaths[0]
    if (result.canceled || path === undefined) return { opened: false, name: null, text: null }
    try {
      if ((await stat(path)).size > FILE_TEXT_MAX) {
        throw new CoreError('input/invalid', `${basename(path)} is larger than ${FILE_TEXT_MAX / 1_000_000} MB.`)
      }
      return { opened: true, name: basename(path), text: await readFile(path, 'utf8') }
    } catch (error) {
      if (error instanceof CoreError) throw error
      throw new CoreError('input/invalid', `${basename(path)} could not be read.`, undefined, { cause: error })
    }
  }
}
