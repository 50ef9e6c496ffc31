/**
 * Escaping for chat markup (issue 17 item 5): names come from the API and may be hostile.
 * - Slack mrkdwn: `&`, `<`, `>` become entities (Slack's "Escaping text" rule), so `<url|label>` links and
 *   `<!channel>` mentions cannot be formed.
 * - Teams Adaptive Card text is Markdown: its syntax characters get a backslash, so `[label](url)` links,
 *   emphasis and headings cannot be formed.
 * - Both: `://` gets a zero-width joiner after the colon, so a name such as `http://evil` is not auto-linked.
 */
const ZERO_WIDTH_JOINER = '\u2060'

function defangLinks(text: string): string {
  return text.replaceAll('://', `:${ZERO_WIDTH_JOINER}//`)
}

export function escapeSlack(text: string): string {
  return defangLinks(text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'))
}

export function escapeTeams(text: string): string {
  return defangLinks(text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`))
}
