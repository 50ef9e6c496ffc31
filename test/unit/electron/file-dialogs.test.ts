import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { OpenDialogOptions } from 'electron'
import { FILE_TEXT_MAX } from '#contract/limits'
import { createOpenFile } from '../../../src-main/electron/open-dialog.ts'
import { createSaveFile } from '../../../src-main/electron/save-dialog.ts'

const dir = mkdtempSync(join(tmpdir(), 'backup-desk-dialogs-'))

describe('file/open in Electron main', () => {
  it('offers YAML and JSON files and returns the chosen file name and text, never its path', async () => {
    const path = join(dir, 'fleet.yaml')
    writeFileSync(path, 'apiVersion: backup-desk/v1\n')
    const show = vi.fn((options: OpenDialogOptions) => Promise.resolve({ canceled: false, filePaths: [path], options }))
    const opened = await createOpenFile(show)(['yaml', 'json'])
    expect(opened).toEqual({ opened: true, name: 'fleet.yaml', text: 'apiVersion: backup-desk/v1\n' })
    expect(show.mock.calls[0]?.[0].filters?.[0]).toEqual({ name: 'YAML or JSON', extensions: ['yaml', 'yml', 'json'] })
  })

  it('reads nothing when the dialog is cancelled', async () => {
    expect(await createOpenFile(() => Promise.resolve({ canceled: true, filePaths: [] }))(['yaml'])).toEqual({ opened: false, name: null, text: null })
  })

  it('refuses a file above the size limit and a file it cannot read, as input/invalid naming the file', async () => {
    const big = join(dir, 'huge.yaml')
    writeFileSync(big, Buffer.alloc(FILE_TEXT_MAX + 1, 0x20))
    await expect(createOpenFile(() => Promise.resolve({ canceled: false, filePaths: [big] }))(['yaml'])).rejects.toMatchObject({ code: 'input/invalid', message: 'huge.yaml is larger than 20 MB.' })
    const missing = join(dir, 'gone.yaml')
    await expect(createOpenFile(() => Promise.resolve({ canceled: false, filePaths: [missing] }))(['yaml'])).rejects.toMatchObject({ code: 'input/invalid', message: 'gone.yaml could not be read.' })
  })
})

describe('file/save in Electron main', () => {
  it('writes the content where the admin chose, with the filter of its extension', async () => {
    const path = join(dir, 'saved.yaml')
    const show = vi.fn(() => Promise.resolve({ canceled: false, filePath: path }))
    expect(await createSaveFile(show)('backup-policies.yaml', 'content')).toEqual({ saved: true, path })
    expect(readFileSync(path, 'utf8')).toBe('content')
  })
})
