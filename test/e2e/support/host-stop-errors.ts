/**
 * What Chromium logs while the browser host stops and starts again under an open page, and nothing else: the event
 * stream cut mid-response (INCOMPLETE_CHUNKED_ENCODING), the reads then under way reset or closed before an answer
 * (CONNECTION_RESET, EMPTY_RESPONSE, SOCKET_NOT_CONNECTED: which one depends on where the socket was when the host
 * closed it), and new connections refused while it is down (CONNECTION_REFUSED).
 */
export const HOST_STOP_ERRORS =
  /^Failed to load resource: net::ERR_(INCOMPLETE_CHUNKED_ENCODING|CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|SOCKET_NOT_CONNECTED)$/
