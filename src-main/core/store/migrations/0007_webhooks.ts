/**
 * Schema 7: webhook destinations, their outbox and their delivery log (docs/webhooks.md). The URL of a
 * destination is a secret and is NOT here: it lives in the OS keychain under the account `webhook:<id>`.
 */
export const migration0007 = {
  version: 7,
  name: 'webhooks',
  sql: `
CREATE TABLE webhook_destinations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind TEXT NOT NULL CHECK (kind IN ('slack', 'teams', 'json')),
  -- A JSON array of notice kinds; NULL = every kind.
  kinds TEXT CHECK (kinds IS NULL OR json_valid(kinds)),
  -- No foreign key: a filter on a removed connection must keep matching nothing, not start matching everything.
  connection_id TEXT,
  prefix TEXT NOT NULL DEFAULT '' CHECK (length(prefix) <= 100),
  -- Local HH:MM of the daily digest; NULL = one message per notice.
  digest_time TEXT CHECK (digest_time IS NULL OR length(digest_time) = 5),
  -- The last digest instant already queued, so a restart neither repeats nor skips one.
  digest_through INTEGER,
  host_hint TEXT NOT NULL CHECK (length(host_hint) <= 300),
  created_at INTEGER NOT NULL
) STRICT;

-- At least once: a row stays until the receiver answered 2xx (or refused for good); UNIQUE makes queueing
-- the same event twice a no-op. event holds the versioned, URL-free payload (docs/webhooks.md).
CREATE TABLE webhook_outbox (
  id INTEGER PRIMARY KEY,
  destination_id TEXT NOT NULL REFERENCES webhook_destinations (id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  event TEXT NOT NULL CHECK (json_valid(event)),
  raised_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  -- Why the last attempt failed: 'network' rows are tried again at once when a sync shows the network is back.
  retry_reason TEXT CHECK (retry_reason IS NULL OR retry_reason IN ('network', 'receiver', 'keychain')),
  UNIQUE (destination_id, event_id)
) STRICT;
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at, id);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  destination_id TEXT NOT NULL REFERENCES webhook_destinations (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  title TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('delivered', 'retrying', 'rejected', 'gave-up', 'test-ok', 'test-failed')),
  status INTEGER,
  attempt INTEGER NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  error TEXT
) STRICT;
CREATE INDEX webhook_deliveries_by_destination ON webhook_deliveries (destination_id, id);
`
} as const
