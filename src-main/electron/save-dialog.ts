import { writeFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron'

type ShowSaveDialog = (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.yaml': { name: 'YAML', extensions: ['yaml', 'yml'] },
  '.json': { name: 'JSON', extensions: ['json'] },
  '.tf': { name: 'Terraform', extensions: ['tf'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.html': { name: 'HTML', extensions: ['html'] }
}

/**
 * `file/save` answered in main: the platform's save dialog, then the file written where the admin chose.
 * The page never learns a path it did not pick, and never writes a file itself.
 */
export function createSaveFile(show: ShowSaveDialog) {
  return async (suggestedName: string, content: string): Promise<{ saved: boolean; path: string | null }> => {
    const filter = FILTERS[extname(suggestedName).toLowerCase()]
    const result = await show({ defaultPath: suggestedName, filters: filter === undefined ? [] : [filter, { name: 'All files', extensions: ['*'] }] })
    if (result.canceled || result.filePath === '') return { saved: false, path: null }
    await writeFile(result.filePath, content, 'utf8')
    return { saved: true, path: result.filePath }
  }
}
