import { z } from 'zod'
import { defineCommand } from '../define.ts'

export const appInfoSchema = z
  .object({
    version: z.string(),
    runtime: z.enum(['electron', 'browser']),
    dataDir: z.string(),
    /** Whether this host can start the embedded demo organization (`demo/start`). */
    demoAvailable: z.boolean()
  })
  .strict()

export type AppInfo = z.infer<typeof appInfoSchema>

export const appCommands = {
  /** What is running and where its data lives. */
  'app/info': defineCommand({ input: z.object({}).strict().default({}), output: appInfoSchema }),
  /**
   * Starts the embedded demo emulator (once per run) and makes a connection to it active: the Fleet's empty
   * state offers it as "Try the demo organization".
   */
  'demo/start': defineCommand({ input: z.object({}).strict().default({}), output: z.object({ connectionId: z.string() }).strict() })
}
