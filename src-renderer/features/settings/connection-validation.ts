import { API_KEY_MAX_LENGTH, API_KEY_MIN_LENGTH, CONNECTION_NAME_MAX_LENGTH } from '#contract/limits'

/** The contract's rules for a connection name, inline: the message, or null when the name is fine. */
export function nameIssue(name: string): string | null {
  const length = name.trim().length
  if (length === 0) return 'Give the connection a name.'
  return length > CONNECTION_NAME_MAX_LENGTH ? `Keep the name to ${String(CONNECTION_NAME_MAX_LENGTH)} characters.` : null
}

/** The contract's rules for an API key, inline: the message, or null when the key may be sent. */
export function keyIssue(apiKey: string): string | null {
  const length = apiKey.trim().length
  if (length < API_KEY_MIN_LENGTH) return `Paste the API key (at least ${String(API_KEY_MIN_LENGTH)} characters).`
  return length > API_KEY_MAX_LENGTH ? `An API key has at most ${String(API_KEY_MAX_LENGTH)} characters: check what was pasted.` : null
}
