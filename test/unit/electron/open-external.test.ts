import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { EXTERNAL_HOST_ALLOWLIST, isAllowedExternalUrl, safeOpenExternal } = await import('../../../src-main/electron/open-external.ts')

/** The rule, restated independently of the implementation. */
function allowed(raw: string): boolean {
  if (!URL.canParse(raw)) return false
  const url = new URL(raw)
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && EXTERNAL_HOST_ALLOWLIST.has(url.hostname)
}

describe('safeOpenExternal', () => {
  beforeEach(() => {
    fake.module.shell.openExternal.mockClear()
  })

  it('opens allowlisted https links only', async () => {
    const cases: [string, boolean][] = [
      ['https://docs.zilliz.com/docs/manage-backups', true],
      ['https://cloud.zilliz.com/orgs?x=1#y', true],
      ['https://CLOUD.ZILLIZ.COM/', true],
      ['https://docs.zilliz.com.cn/', true],
      ['http://docs.zilliz.com/', false],
      ['https://cloud.zilliz.com.evil.com/', false],
      ['https://evil.com/?https://cloud.zilliz.com', false],
      ['https://cloud.zilliz.com@evil.com/', false],
      ['https://user:pw@cloud.zilliz.com/', false],
      ['https://cloud.zilliz.com:8443/', false],
      ['https://cloud.zilliz.com./', false],
      ['https://zilliz.com/', false],
      ['javascript:alert(1)//https://cloud.zilliz.com', false],
      ['file:///etc/passwd', false],
      ['app://bundle/', false],
      ['smb://cloud.zilliz.com/share', false],
      ['', false]
    ]
    for (const [url, expected] of cases) {
      fake.module.shell.openExternal.mockClear()
      expect(await safeOpenExternal(url), url).toBe(expected)
      expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(expected ? 1 : 0)
    }
  })

  it('passes the normalized URL that was checked', async () => {
    await safeOpenExternal('https://DOCS.zilliz.com/a/../b')
    expect(fake.module.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.zilliz.com/b')
  })

  it('calls shell.openExternal iff the URL is allowed (property)', async () => {
    const host = fc.oneof(fc.constantFrom(...EXTERNAL_HOST_ALLOWLIST), fc.domain())
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.constantFrom('https', 'http', 'file', 'javascript', 'ftp'), host, fc.webPath()).map(([s, h, p]) => `${s}://${h}${p}`),
      fc.string()
    )
    await fc.assert(
      fc.asyncProperty(url, async (candidate) => {
        fake.module.shell.openExternal.mockClear()
        const opened = await safeOpenExternal(candidate)
        expect(opened).toBe(allowed(candidate))
        expect(isAllowedExternalUrl(candidate)).toBe(opened)
        expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(opened ? 1 : 0)
      }),
      { numRuns: 500 }
    )
  })
})
