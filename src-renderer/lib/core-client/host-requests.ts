/*
 * The one shape of a request to the browser host (`POST /rpc/<command>`, JSON, the page's credentials), and the
 * requests the page's first script sends with it before the app's code has arrived (early-start.ts). Import-free and
 * built into the first script's chunk (electron.vite.config.ts), which must import nothing: the first script sends
 * the first screen's reads as soon as it runs, and the HTTP client (http-core-client.ts), loaded later, sends every
 * request through `postRpc`, which hands it the first script's request when it is the same one.
 */

import type { CoreBridge } from '#contract/bridge'

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- only an interface can extend Window
  interface Window {
    /** Present only under Electron, exposed by the preload. */
    core?: CoreBridge
  }
}

type SentFirst = { body: string; response: Promise<Response> }

/** The first script's requests by address, until the first identical request takes each, or `forgetSentFirst`. */
const sentFirst = new Map<string, SentFirst>()

/**
 * What carries the page's requests to the core under Electron: the preload's bridge. None in a browser, where the page
 * reaches the core over HTTP, the browser host. The one test of the two (create-core-client.ts, early-start.ts).
 */
export function coreBridge(target: Window): CoreBridge | undefined {
  return target.core
}

/** The body a command's input is sent as; two requests with the same body ask the same (early-reads.ts too). */
export function requestBody(input: unknown): string {
  return JSON.stringify(input ?? {})
}

/** The address of a command on the browser host. */
function rpcUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/rpc/${name}`
}

function send(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body })
}

/**
 * Sends `name` with `input`, or takes the first script's request if it was this one (same address and body): the
 * first identical request gets its response, once. Another body sends its own request, and the first script's is
 * dropped: a screen never shows a read it did not ask for.
 */
export function postRpc(baseUrl: string, name: string, input: unknown): Promise<Response> {
  const url = rpcUrl(baseUrl, name)
  const body = requestBody(input)
  const first = sentFirst.get(url)
  sentFirst.delete(url)
  return first?.body === body ? first.response : send(url, body)
}

/** The page's first script: sends `name` with `input` now, for the HTTP client's first identical request. */
export function sendFirst(baseUrl: string, name: string, input: unknown): void {
  const url = rpcUrl(baseUrl, name)
  const body = requestBody(input)
  const response = send(url, body)
  // A failure is the taker's to report (the HTTP client's answer and the host's reachability); untaken, it is nobody's.
  response.catch(() => undefined)
  sentFirst.set(url, { body, response })
}

/**
 * Drops the first script's requests no one took. The first screen takes its reads as it starts (first-screen.ts); an
 * answer held beyond that could reach a later read of the same input as if it were fresh.
 */
export function forgetSentFirst(): void {
  sentFirst.clear()
}
