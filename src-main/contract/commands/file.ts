import { z } from 'zod'
import { defineCommand } from '../define.ts'

/** A plain file name for the save dialog to suggest: no folders, nothing hidden. */
const suggestedName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\w .()+-]+$/, 'A file name of letters, digits, spaces and . ( ) + - _ only.')
  .refine((name) => !name.startsWith('.'), 'A file name that does not start with a dot.')

export const fileCommands = {
  /**
   * Asks where to save `content` with the platform's save dialog and writes it there (the desktop app,
   * answered in Electron's main process). The browser host downloads files instead and refuses this.
   */
  'file/save': defineCommand({
    input: z.object({ suggestedName, content: z.string().max(20_000_000) }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }).strict()
  })
}
