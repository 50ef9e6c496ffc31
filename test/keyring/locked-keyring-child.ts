// Child process for locked-keyring.test.ts, started under its own `dbus-run-session` with no unlocked
// keyring: gnome-keyring is bus-activated but cannot create or unlock the login collection without a
// prompter. The canary arrives through the env and is never printed.
import { isCoreError } from '#contract/errors'
import { createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'

async function main(): Promise<void> {
  const canary = process.env.SECRET_CANARY ?? ''
  const started = Date.now()
  let direct = { code: 'resolved', message: '', ms: 0 }
  try {
    await createKeytarSecretStore().set('conn-1', canary)
  } catch (error: unknown) {
    direct = {
      code: isCoreError(error) ? error.code : 'not-a-core-error',
      message: error instanceof Error ? error.message : String(error),
      ms: 0
    }
  }
  direct.ms = Date.now() - started

  const failClosed = createFailClosedSecretStore({ primary: createKeytarSecretStore() })
  const probed = failClosed.status().mode === 'keychain' ? await failClosed.probe() : failClosed.status()
  await failClosed.set('conn-1', canary)
  const isReadBack = (await failClosed.get('conn-1')) === canary

  process.stdout.write(JSON.stringify({ direct, probed, isReadBack, status: failClosed.status() }) + '\n')
}

void main()
