import type { OrganizationRef } from '#contract/models/organization'
import { decodeTag } from '../connections/connection-tag.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/*
 * Zilliz Cloud's API has no organization id, but cluster ids are unique across it: the connection whose sync lists
 * a cluster names that cluster's organization (store/draft-attachment.query.ts relies on the same fact). These
 * helpers let each query put the organization on its rows with one join, instead of every screen joining ids.
 */

/** The columns a query selects (as `org_id`, `org_name`, `org_tag`) from a `connections` row aliased `alias`. */
export function organizationColumns(alias: string): string {
  return `${alias}.id AS org_id, ${alias}.name AS org_name, ${alias}.tag AS org_tag`
}

/**
 * LEFT JOINs the cluster `clusterIdSql` as listed by one connection (`${alias}_k`, the oldest connection when two
 * reach the same organization) and that connection as `alias`. Uses the clusters_by_cluster_id index (schema 8).
 */
export function organizationJoin(alias: string, clusterIdSql: string): string {
  return `LEFT JOIN clusters ${alias}_k ON ${alias}_k.cluster_id = ${clusterIdSql} AND ${alias}_k.connection_id = (
      SELECT k.connection_id FROM clusters k JOIN connections kc ON kc.id = k.connection_id
      WHERE k.cluster_id = ${clusterIdSql} ORDER BY kc.created_at, kc.id LIMIT 1)
    LEFT JOIN connections ${alias} ON ${alias}.id = ${alias}_k.connection_id`
}

export type OrganizationColumns = { org_id: string | null; org_name: string | null; org_tag: string | null }

/** The organization of a row selected with `organizationColumns`; undefined when no connection matched. */
export function organizationOf(row: OrganizationColumns): OrganizationRef | undefined {
  if (row.org_id === null || row.org_name === null) return undefined
  return { connectionId: row.org_id, name: row.org_name, tag: decodeTag(row.org_tag) }
}

/** Every connection as an organization, by connection id (for answers whose rows already carry one). */
export function organizationsByConnection(db: StoreDatabase): Map<string, OrganizationRef> {
  const rows = readQuery('read the organizations', () =>
    db.prepare(`SELECT ${organizationColumns('c')} FROM connections c`).all()
  ) as OrganizationColumns[]
  return new Map(rows.flatMap((row) => {
    const organization = organizationOf(row)
    return organization === undefined ? [] : [[organization.connectionId, organization] as const]
  }))
}
