import type { OpenFileKind } from '#contract/commands/file'
import { FILE_TEXT_MAX } from '#contract/limits'
import type { SerializedError } from '#contract/errors'
import type { CoreClient } from '../core-client/core-client.ts'

type OpenOutcome = { opened: true; name: string; text: string } | { opened: false; error: SerializedError | null }

const EXTENSIONS: Record<OpenFileKind, string[]> = { yaml: ['.yaml', '.yml'], json: ['.json'] }

/**
 * Asks the admin for a text file: the desktop app's open dialog (`file/open`, answered in Electron's main
 * process), or the browser's file picker in the browser host, where the page reads the file it was given.
 */
export async function openTextFile(core: CoreClient, accept: readonly OpenFileKind[]): Promise<OpenOutcome> {
  const info = await core.invoke('app/info', {})
  if (!info.ok) return { opened: false, error: info.error }
  if (info.value.runtime === 'electron') {
    const result = await core.invoke('file/open', { accept: [...accept] })
    if (!result.ok) return { opened: false, error: result.error }
    const { opened, name, text } = result.value
    return opened && name !== null && text !== null ? { opened: true, name, text } : { opened: false, error: null }
  }
  const file = await pickInPage(accept.flatMap((kind) => EXTENSIONS[kind]))
  if (file === null) return { opened: false, error: null }
  if (file.size > FILE_TEXT_MAX) {
    return { opened: false, error: { name: 'CoreError', code: 'input/invalid', message: `${file.name} is larger than ${FILE_TEXT_MAX / 1_000_000} MB.` } }
  }
  return { opened: true, name: file.name, text: await file.text() }
}

/** The browser's own picker through a detached file input; resolves with null when the admin cancels. */
function pickInPage(extensions: readonly string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = extensions.join(',')
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => resolve(null), { once: true })
    input.click()
  })
}
