import type { OrganizationRef } from '#contract/models/organization'
import { decodeTag } from '../connections/connection-tag.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/*
 * Zilliz Cloud's API has no organization id: an organization is the connection that reads it. Rows that carry a
 * connection id (drafts, notices since schema 12) name their organization with one join on `connections` aliased by
 * the query; these helpers select its columns and read them back, so every screen names an organization the same way.
 */

/** The columns a query selects (as `org_id`, `org_name`, `org_tag`) from a `connections` row aliased `alias`. */
export function organizationColumns(alias: string): string {
  return `${alias}.id AS org_id, ${alias}.name AS org_name, ${alias}.tag AS org_tag`
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
