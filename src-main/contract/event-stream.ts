/**
 * How the browser host tells its page which core events a read may have missed (src-main/host/event-stream.ts,
 * src-renderer/lib/core-client/event-gaps.ts). The host counts the core's events; every `/rpc` answer carries the
 * count as the command started (`EVENTS_SEEN_HEADER`), and every `/events` stream starts with the count it follows
 * on from (a `STREAM_START_EVENT` message). A read answered with a count below its stream's start may miss an event
 * sent in between, so the page reads again; one at or above it cannot.
 */
export const EVENTS_SEEN_HEADER = 'X-Events-Seen'
export const STREAM_START_EVENT = 'stream-start'
