// Child process for no-bus.test.ts: runs the real keytar store with no session bus (the parent removes
// DBUS_SESSION_BUS_ADDRESS and DISPLAY). A child is needed because libsecret keeps the first bus it
// connects to for the life of the process, so clearing the env in-process is not reliable once any
// keychain call has succeeded. The canary arrives through the env and is never printed.
import { isCoreError } from '#contract/errors'
import { createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'

const canary = process.env.SECRET_CANARY ?? ''
const keytarStore = createKeytarSecretStore()

async function outcome(call: () => Promise<unknown>): Promise<{ code: string; message: string; ms: number }> {
  const started = Date.now()
  try {
    await call()
    return { code: 'resolved', message: '', ms: Date.now() - started }
  } catch (error: unknown) {
    return {
      code: isCoreError(error) ? error.code : 'not-a-core-error',
      message: error instanceof Error ? error.message : String(error),
      ms: Date.now() - started
    }
  }
}

// The package is CommonJS for tsx (no "type": "module"), so no top-level await.
async function main(): Promise<void> {
  const direct = {
    get: await outcome(() => keytarStore.get('conn-1')),
    set: await outcome(() => keytarStore.set('conn-1', canary)),
    delete: await outcome(() => keytarStore.delete('conn-1')),
    listAccounts: await outcome(() => keytarStore.listAccounts())
  }

  const failClosed = createFailClosedSecretStore({ primary: createKeytarSecretStore() })
  const statusChanges: unknown[] = []
  failClosed.onStatusChange((status) => statusChanges.push(status))
  const probed = await failClosed.probe()
  await failClosed.set('conn-1', canary)
  const isReadBack = (await failClosed.get('conn-1')) === canary

  process.stdout.write(JSON.stringify({ direct, probed, statusChanges, isReadBack, status: failClosed.status() }) + '\n')
}

void main()
