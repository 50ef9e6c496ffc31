/**
 * Schema 9: the Timeline picture (`timeline/lanes`) marks the expiries of a page of clusters in a range; this index
 * answers that per cluster without reading each cluster's whole history.
 */
export const migration0009 = {
  version: 9,
  name: 'timeline',
  sql: `
CREATE INDEX observed_backups_by_expiry ON observed_backups (cluster_id, expire_time) WHERE expire_time IS NOT NULL;
`
} as const
