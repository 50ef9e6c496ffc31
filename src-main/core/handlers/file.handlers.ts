import type { OpenFileKind } from '#contract/commands/file'
import { CoreError } from '#contract/errors'
import type { HandlersFor } from './types.ts'

/** The host's save dialog: Electron's main process shows it and writes the file; null = not available. */
export type SaveFileDialog = (suggestedName: string, content: string) => Promise<{ saved: boolean; path: string | null }>

/** The host's open dialog: Electron's main process shows it and reads the chosen file's text. */
export type OpenFileDialog = (accept: readonly OpenFileKind[]) => Promise<{ opened: boolean; name: string | null; text: string | null }>

export function fileHandlers(saveFile: SaveFileDialog | undefined, openFile: OpenFileDialog | undefined): HandlersFor<'file/save' | 'file/open'> {
  return {
    'file/save': ({ suggestedName, content }) => {
      if (saveFile === undefined) {
        return Promise.reject(new CoreError('input/invalid', 'Saving through a dialog is only available in the desktop app; the browser downloads the file instead.'))
      }
      return saveFile(suggestedName, content)
    },
    'file/open': ({ accept }) => {
      if (openFile === undefined) {
        return Promise.reject(new CoreError('input/invalid', 'Opening through a dialog is only available in the desktop app; the browser picks the file in the page instead.'))
      }
      return openFile(accept)
    }
  }
}
