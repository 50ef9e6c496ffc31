import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVENTS_SEEN_HEADER, STREAM_START_EVENT } from '#contract/event-stream'
import { silentLogger } from '#core/lib/logger'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'
import { startHttpHost, type RunningHost } from '#host/http-host'

const TOKEN = 'host-test-token'
let core: TestCore
let host: RunningHost
let rendererDir: string

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'host-test-'))
  rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backup Desk</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.html'), 'outside the renderer')
  core = createTestCore({ dataDir: root })
  host = await startHttpHost({ invoke: core.invoke, events: core.events, rendererDir, token: TOKEN, logger: silentLogger })
})

afterAll(async () => {
  await host.close()
  await core.close()
})

const auth = { Authorization: `Bearer ${TOKEN}` }

describe('the browser host', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers 401 to every request without the token', async () => {
    for (const [path, method] of [['/', 'GET'], ['/assets/app.js', 'GET'], ['/rpc/app/info', 'POST'], ['/events', 'GET']] as const) {
      const response = await fetch(host.url + path, { method })
      expect(response.status, `${method} ${path}`).toBe(401)
    }
  })

  it('answers 401 to a wrong token', async () => {
    const response = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: { Authorization: 'Bearer nope' } })
    expect(response.status).toBe(401)
  })

  it('trades the token in the query for an HttpOnly cookie and redirects to a clean URL', async () => {
    const response = await fetch(`${host.url}/?token=${TOKEN}`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const page = await fetch(`${host.url}/`, { headers: { Cookie: cookie.split(';')[0] ?? '' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Backup Desk')
  })

  it('answers POST /rpc/app/info with the envelope', async () => {
    const response = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: auth, body: '{}' })
    expect(await response.json()).toEqual({ ok: true, value: { version: '0.0.0-test', runtime: 'browser', dataDir: expect.any(String) as string, demoAvailable: false } })
  })

  it('answers malformed JSON with an input/invalid envelope and keeps serving', async () => {
    const bad = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: auth, body: '{"oops' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'input/invalid' } })
    const good = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: auth, body: '{}' })
    expect(good.status).toBe(200)
  })

  it('answers an unknown command with not-found, without echoing its name', async () => {
    const response = await fetch(`${host.url}/rpc/cluster/explodeCANARY`, { method: 'POST', headers: auth, body: '{}' })
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(text).not.toContain('CANARY')
    const malformed = await fetch(`${host.url}/rpc/cluster/explodeCANARY`, { method: 'POST', headers: auth, body: '{"oops' })
    expect(await malformed.text()).not.toContain('CANARY')
  })

  it('takes the token from the query only on a page load: RPC and events need the cookie or Bearer', async () => {
    const rpc = await fetch(`${host.url}/rpc/app/info?token=${TOKEN}`, { method: 'POST', body: '{}' })
    expect(rpc.status).toBe(401)
    expect(rpc.headers.get('set-cookie')).toBeNull()
    const events = await fetch(`${host.url}/events?token=${TOKEN}`)
    expect(events.status).toBe(401)
    const page = await fetch(`${host.url}/?token=${TOKEN}`, { redirect: 'manual' })
    expect(page.status).toBe(303)
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const withCookie = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: { Cookie: cookie }, body: '{}' })
    expect(await withCookie.json()).toMatchObject({ ok: true })
  })

  it('answers a body over 1 MiB with the 413 envelope instead of resetting the connection, and keeps serving', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) })
    const response = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: auth, body })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'input/invalid', message: 'The request body is too large.' } })
    const next = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: auth, body: '{}' })
    expect(next.status).toBe(200)
  })

  it('refuses cross-origin requests even with the token', async () => {
    const response = await fetch(`${host.url}/rpc/app/info`, {
      method: 'POST',
      headers: { ...auth, Origin: 'https://evil.example' },
      body: '{}'
    })
    expect(response.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.url}/rpc/app/info`, { method: 'POST', headers: { ...auth, Host: `evil.example:${host.port}` } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('sends the strict CSP on every response', async () => {
    for (const path of ['/', '/assets/app.js', '/missing.js']) {
      const response = await fetch(host.url + path, { headers: auth })
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    }
  })

  it('never serves files outside the renderer directory', async () => {
    for (const path of ['/../secret.html', '/%2e%2e/secret.html', '/..%2fsecret.html', '/%2e%2e%5csecret.html', '/assets/%00app.js']) {
      const response = await fetch(host.url + path, { headers: auth })
      expect(response.status, path).toBe(404)
    }
  })

  it('reads a hashed asset once and answers it from memory after, marked immutable for the browser', async () => {
    const asset = join(rendererDir, 'assets', 'kept-3f9a.js')
    writeFileSync(asset, 'console.log("kept")')
    const first = await fetch(`${host.url}/assets/kept-3f9a.js`, { headers: auth })
    expect(await first.text()).toBe('console.log("kept")')
    expect(first.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    rmSync(asset)
    const again = await fetch(`${host.url}/assets/kept-3f9a.js`, { headers: auth })
    expect(again.status).toBe(200)
    expect(await again.text()).toBe('console.log("kept")')
  })

  it('serves index.html as it is on disk at each request, so a rebuild is served at the next load', async () => {
    const page = join(rendererDir, 'index.html')
    for (const build of ['first build', 'second build']) {
      writeFileSync(page, `<!doctype html><title>Backup Desk ${build}</title>`)
      for (const path of ['/', '/index.html', '/assets/../index.html', '/assets/%2e%2e/index.html']) {
        const response = await fetch(host.url + path, { headers: auth })
        expect(await response.text(), path).toContain(build)
        expect(response.headers.get('cache-control'), path).toBe('no-cache')
      }
    }
  })

  it('streams core events as server-sent events', async () => {
    const controller = new AbortController()
    const response = await fetch(`${host.url}/events`, { headers: auth, signal: controller.signal })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const reader = response.body!.getReader()
    await reader.read()
    core.events.emit('sync/finished', { connectionId: 'c1', ok: true })
    let text = ''
    while (!text.includes('sync/finished')) {
      const chunk = await reader.read()
      text += new TextDecoder().decode(chunk.value)
    }
    expect(text).toContain('"connectionId":"c1"')
    controller.abort()
  })

  it('marks every answer with the events seen before it, and starts each stream with the count it follows on from', async () => {
    const seenBy = async (): Promise<number> => {
      const response = await fetch(`${host.url}/rpc/app/info`, { method: 'POST', headers: auth, body: '{}' })
      return Number(response.headers.get(EVENTS_SEEN_HEADER))
    }
    const before = await seenBy()
    core.events.emit('sync/finished', { connectionId: 'c1', ok: true })
    core.events.emit('sync/finished', { connectionId: 'c2', ok: true })
    expect(await seenBy()).toBe(before + 2)

    const controller = new AbortController()
    const response = await fetch(`${host.url}/events`, { headers: auth, signal: controller.signal })
    const start = new TextDecoder().decode((await response.body!.getReader().read()).value)
    expect(start).toContain(`event: ${STREAM_START_EVENT}\ndata: ${String(before + 2)}\n`)
    expect(start).toMatch(/^retry: \d+$/m)
    controller.abort()
  })
})
