import { describe, expect, it } from 'vitest'
import { BASE_URL_PRESETS } from '#contract/base-url-presets'
import { normalizeBaseUrl } from '#core/api/base-url'
import { createZillizClient } from '#core/api/zilliz-client'

describe('the base URL', () => {
  it('keeps the presets and strips trailing slashes and a /v2 suffix', () => {
    expect(normalizeBaseUrl(BASE_URL_PRESETS.global)).toBe('https://api.cloud.zilliz.com')
    expect(normalizeBaseUrl('https://api.cloud.zilliz.com.cn///')).toBe('https://api.cloud.zilliz.com.cn')
    expect(normalizeBaseUrl('https://api.cloud.zilliz.com/v2/')).toBe('https://api.cloud.zilliz.com')
  })

  it('allows plain http only to loopback', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010')
    expect(normalizeBaseUrl('http://localhost:4010')).toBe('http://localhost:4010')
    expect(normalizeBaseUrl('http://[::1]:4010')).toBe('http://[::1]:4010')
    // All of 127.0.0.0/8 is this computer (contract/loopback-url.ts, the webhook URL's rule too).
    expect(normalizeBaseUrl('http://127.0.0.2:4010')).toBe('http://127.0.0.2:4010')
    for (const bad of ['http://api.cloud.zilliz.com', 'ftp://127.0.0.1', 'not a url', 'https://user:pw@api.cloud.zilliz.com', 'http://localhost.', 'http://0.0.0.0:4010']) {
      expect(() => normalizeBaseUrl(bad)).toThrow(expect.objectContaining({ code: 'input/invalid' }) as Error)
    }
  })

  it('refuses an empty or multi-line API key without echoing it', () => {
    expect(() => createZillizClient({ baseUrl: BASE_URL_PRESETS.global, apiKey: '' })).toThrow('The API key is empty or contains invalid characters.')
    expect(() => createZillizClient({ baseUrl: BASE_URL_PRESETS.global, apiKey: 'abc\r\nX-Evil: 1' })).toThrow(expect.objectContaining({ code: 'input/invalid' }) as Error)
  })
})
