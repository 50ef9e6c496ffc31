/*
 * The one rule for "plain http is allowed only to this computer", free of zod so that the renderer's forms check
 * as the core does. Used by the API base URL (core/api/base-url.ts) and the webhook URL (contract/webhook-url-rules.ts):
 * anything else would send an API key or a webhook secret in clear over the network.
 */

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/**
 * Whether a URL's host is this computer, judged on the WHATWG-parsed `URL.hostname` (lower case, IPv4 in dotted
 * decimal: `127.1` and `0x7f.0.0.1` arrive as `127.0.0.1`, `[0:0::1]` as `[::1]`):
 * - `localhost`, which the OS resolves from its hosts file;
 * - any address of 127.0.0.0/8 and `[::1]`, the loopback networks.
 * Not loopback: `localhost.` (a fully qualified name, looked up in DNS, which may answer anything), `*.localhost`,
 * `0.0.0.0` and `[::]` (the "any" address: what it reaches depends on the system), `[::ffff:127.0.0.1]`, and a
 * name that merely starts with `127.` (`127.example.com`).
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname)
}

/** https anywhere, or plain http to this computer (`isLoopbackHost`). */
export function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
}
