import { describe, expect, it } from 'vitest'
import { CoreError } from '#contract/errors'
import { parseWebhookUrl, urlHint } from '#core/webhooks/webhook-url'

function refusal(raw: string): CoreError {
  try {
    parseWebhookUrl(raw)
  } catch (error) {
    if (error instanceof CoreError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('webhook URLs', () => {
  it('accepts https anywhere and plain http only on loopback addresses', () => {
    expect(parseWebhookUrl('https://hooks.slack.com/services/T/B/x').host).toBe('hooks.slack.com')
    expect(parseWebhookUrl('http://127.0.0.1:8080/hook').port).toBe('8080')
    expect(parseWebhookUrl('http://localhost/hook').hostname).toBe('localhost')
    expect(parseWebhookUrl('http://[::1]:9/hook').hostname).toBe('[::1]')
  })

  it('refuses http off this computer, other schemes and non-URLs with input/invalid naming url, never echoing it', () => {
    for (const raw of ['http://hooks.example.com/SECRETPART', 'http://127.evil.example/SECRETPART', 'ftp://127.0.0.1/SECRETPART', 'not a url SECRETPART', 'javascript:SECRETPART']) {
      const error = refusal(raw)
      expect(error.code).toBe('input/invalid')
      expect(error.details).toEqual({ field: 'url' })
      expect(error.message).not.toContain('SECRETPART')
    }
  })

  it('hints at a URL with its host and last four characters only', () => {
    expect(urlHint(new URL('https://hooks.slack.com/services/T000/B000/XXXXabcd'))).toBe('hooks.slack.com/••••abcd')
    expect(urlHint(new URL('https://a.io/x'))).toBe('a.io/••••')
  })
})
