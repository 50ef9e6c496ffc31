import { CoreError } from '#contract/errors'

/** Longest account (connection id) accepted; keychain attributes are not meant for blobs. */
const MAX_ACCOUNT_LENGTH = 200
/** Zilliz API keys are well under this; the cap keeps a pasted file out of the keychain. */
const MAX_SECRET_LENGTH = 4096

/**
 * Shared argument checks, so every SecretStore refuses the same inputs with `input/invalid` (not
 * `secret/unavailable`: a bad argument must not push the fail-closed store into memory-only mode).
 * Messages name the field only, never its value.
 */
export function assertAccount(account: string): void {
  if (account.length === 0 || account.length > MAX_ACCOUNT_LENGTH) {
    throw new CoreError('input/invalid', 'The secret account must be 1 to 200 characters long.', {
      field: 'account'
    })
  }
}

export function assertSecret(secret: string): void {
  if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) {
    throw new CoreError('input/invalid', 'The API key must be 1 to 4096 characters long.', {
      field: 'secret'
    })
  }
}
