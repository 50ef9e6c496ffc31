import { startEmulator, type RunningEmulator } from './index.ts'

export const DEMO_CONNECTION_NAME = 'Demo organization (emulator)'

/**
 * Demo mode: an emulator seeded with a demo organization. `connect` gives the app a ready connection
 * to it (the host and the desktop app pass their core's `connection/add`).
 */
export async function startDemo(connect: (demo: { name: string; baseUrl: string; apiKey: string }) => Promise<unknown>): Promise<RunningEmulator> {
  const emulator = await startEmulator({ seed: 'demo', jobDurationMs: 45_000 })
  try {
    await connect({ name: DEMO_CONNECTION_NAME, baseUrl: emulator.url, apiKey: emulator.apiKey })
  } catch (error) {
    await emulator.close()
    throw error
  }
  return emulator
}
