import { z } from 'zod'
import { defineCommand } from '../define.ts'

export const appInfoSchema = z
  .object({
    version: z.string(),
    runtime: z.enum(['electron', 'browser']),
    dataDir: z.string()
  })
  .strict()

export type AppInfo = z.infer<typeof appInfoSchema>

export const appCommands = {
  /** What is running and where its data lives. */
  'app/info': defineCommand({ input: z.object({}).strict().default({}), output: appInfoSchema })
}
