import { CoreError } from '#contract/errors'
import type { HandlersFor } from './types.ts'

/** The host's save dialog: Electron's main process shows it and writes the file; null = not available. */
export type SaveFileDialog = (suggestedName: string, content: string) => Promise<{ saved: boolean; path: string | null }>

export function fileHandlers(saveFile: SaveFileDialog | undefined): HandlersFor<'file/save'> {
  return {
    'file/save': ({ suggestedName, content }) => {
      if (saveFile === undefined) {
        return Promise.reject(new CoreError('input/invalid', 'Saving through a dialog is only available in the desktop app; the browser downloads the file instead.'))
      }
      return saveFile(suggestedName, content)
    }
  }
}
