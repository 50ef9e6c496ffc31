import { once } from 'node:events'
import { createServer } from 'node:net'

/** A port nothing listens on right now, for a host or emulator of the test's own. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  server.close()
  await once(server, 'close')
  return port
}
