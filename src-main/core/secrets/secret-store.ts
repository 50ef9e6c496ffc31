/**
 * Where API keys live. Accounts are connection ids; the service name is fixed by the implementation
 * (`backup-desk`). "Not found" is `null`; any other failure is `CoreError('secret/unavailable')`.
 */
export type SecretStore = {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** True when an entry was removed. */
  delete(account: string): Promise<boolean>
}
