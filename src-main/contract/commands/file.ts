import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { FILE_TEXT_MAX } from '../limits.ts'

/** A plain file name for the save dialog to suggest: no folders, nothing hidden. */
const suggestedName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\w .()+-]+$/, 'A file name of letters, digits, spaces and . ( ) + - _ only.')
  .refine((name) => !name.startsWith('.'), 'A file name that does not start with a dot.')

/** The kinds of text file an open dialog offers. */
export const openFileKindSchema = z.enum(['yaml', 'json'])
export type OpenFileKind = z.infer<typeof openFileKindSchema>

export const fileCommands = {
  /**
   * Asks where to save `content` with the platform's save dialog and writes it there (the desktop app,
   * answered in Electron's main process). The browser host downloads files instead and refuses this.
   */
  'file/save': defineCommand({
    input: z.object({ suggestedName, content: z.string().max(FILE_TEXT_MAX) }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }).strict()
  }),
  /**
   * Asks for a file with the platform's open dialog and returns its name and text (the desktop app, answered in
   * Electron's main process). The browser host picks files in the page instead and refuses this.
   */
  'file/open': defineCommand({
    input: z.object({ accept: z.array(openFileKindSchema).min(1).max(2) }).strict(),
    output: z.object({ opened: z.boolean(), name: z.string().nullable(), text: z.string().nullable() }).strict()
  })
}
