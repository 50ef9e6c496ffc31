import type { SerializedError } from '#contract/errors'
import type { CoreClient } from '../core-client/core-client.ts'

type SaveOutcome = { saved: true; where: string } | { saved: false; error: SerializedError | null }

/**
 * Hands a file to the admin: the desktop app's save dialog (`file/save`, answered in Electron's main
 * process), or a download in the browser host, where the page cannot choose a folder.
 */
export async function saveFile(core: CoreClient, filename: string, content: string, mediaType: string): Promise<SaveOutcome> {
  const info = await core.invoke('app/info', {})
  if (!info.ok) return { saved: false, error: info.error }
  if (info.value.runtime === 'electron') {
    const result = await core.invoke('file/save', { suggestedName: filename, content })
    if (!result.ok) return { saved: false, error: result.error }
    return result.value.saved ? { saved: true, where: result.value.path ?? filename } : { saved: false, error: null }
  }
  const url = URL.createObjectURL(new Blob([content], { type: `${mediaType};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the object URL by now; revoke it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return { saved: true, where: `your downloads (${filename})` }
}
