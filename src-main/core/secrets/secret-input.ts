import { CoreError } from '#contract/errors'
import { API_KEY_MAX_LENGTH } from '#contract/limits'

/** Longest account (connection id) accepted; keychain attributes are not meant for blobs. */
const MAX_ACCOUNT_LENGTH = 200

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
  if (secret.length === 0 || secret.length > API_KEY_MAX_LENGTH) {
    throw new CoreError('input/invalid', `The API key must be 1 to ${String(API_KEY_MAX_LENGTH)} characters long.`, {
      field: 'secret'
    })
  }
}
