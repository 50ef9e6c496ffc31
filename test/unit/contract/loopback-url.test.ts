import { describe, expect, it } from 'vitest'
import { isHttpsOrLoopback, isLoopbackHost } from '#contract/loopback-url'
import { checkWebhookUrl } from '#contract/webhook-url-rules'
import { normalizeBaseUrl } from '#core/api/base-url'

/** The rule is judged on the parsed URL, as both callers parse it. */
const httpAllowed = (raw: string): boolean => {
  const url = URL.parse(raw)
  if (url === null) throw new Error(`not a URL: ${raw}`)
  return isHttpsOrLoopback(url)
}

/** Whether the API base URL rule (core) and the webhook URL rule (contract, the add form) accept a URL. */
const bothRules = (raw: string): [boolean, boolean] => {
  let base = true
  try {
    normalizeBaseUrl(raw)
  } catch {
    base = false
  }
  return [base, checkWebhookUrl(raw).ok]
}

describe('plain http only to this computer (contract/loopback-url.ts)', () => {
  it('is loopback: localhost in any case, all of 127.0.0.0/8 however it is written, [::1] however it is written', () => {
    for (const raw of ['http://localhost:4010', 'http://LOCALHOST:4010', 'http://LocalHost/', 'http://127.0.0.1/', 'http://127.1/',
      'http://127.0.0.2:9/', 'http://127.255.255.254/', 'http://0x7f.0.0.1/', 'http://2130706433/', 'http://[::1]:4010/', 'http://[0:0:0:0:0:0:0:1]/']) {
      expect(httpAllowed(raw), raw).toBe(true)
    }
  })

  it('is not loopback: localhost. (a DNS name), *.localhost, 0.0.0.0, [::], a mapped address, names that start with 127.', () => {
    for (const raw of ['http://localhost./', 'http://api.localhost/', 'http://0.0.0.0:4010/', 'http://[::]/', 'http://[::ffff:127.0.0.1]/',
      'http://127.example.com/', 'http://127.0.0.1.nip.io/', 'http://128.0.0.1/', 'http://api.cloud.zilliz.com/']) {
      expect(httpAllowed(raw), raw).toBe(false)
    }
  })

  it('judges the parsed hostname only: a bracketed IPv6 is [::1], a bare string is compared as given', () => {
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('::1')).toBe(false)
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.0.0')).toBe(false)
  })

  it('https is allowed anywhere; other schemes never, even on loopback', () => {
    expect(httpAllowed('https://api.cloud.zilliz.com/')).toBe(true)
    expect(httpAllowed('https://0.0.0.0/')).toBe(true)
    expect(httpAllowed('ftp://127.0.0.1/')).toBe(false)
    expect(httpAllowed('ws://localhost/')).toBe(false)
  })

  it('the API base URL and the webhook URL accept and refuse the same hosts', () => {
    for (const raw of ['http://127.0.0.2:4010', 'http://127.1', 'http://[::1]:4010', 'http://LOCALHOST', 'http://localhost.', 'http://0.0.0.0',
      'http://127.example.com', 'https://hooks.example.com', 'http://hooks.example.com']) {
      const [base, webhook] = bothRules(raw)
      expect(base, raw).toBe(webhook)
    }
  })
})
