/**
 * The only part of an API key the renderer ever sees: its last four characters behind a mask.
 * Keys shorter than 12 characters show nothing, so that a hint never gives away a meaningful share.
 */
export function tokenHint(apiKey: string): string {
  return apiKey.length < 12 ? '••••' : `••••${apiKey.slice(-4)}`
}
