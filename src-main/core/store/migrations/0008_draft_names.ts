/**
 * Schema 8: a draft keeps the names it was saved under, so the Drafts screen names a detached draft's cluster
 * and organization instead of showing ids (the live mirror's names win while it lists the cluster); and the
 * clusters are found by id alone, which is how notices and drafts name their organization.
 */
export const migration0008 = {
  version: 8,
  name: 'draft_names',
  sql: `
ALTER TABLE drafts ADD COLUMN cluster_name TEXT CHECK (cluster_name IS NULL OR length(cluster_name) <= 200);
ALTER TABLE drafts ADD COLUMN organization_name TEXT CHECK (organization_name IS NULL OR length(organization_name) <= 200);
UPDATE drafts SET
  cluster_name = (SELECT k.cluster_name FROM clusters k WHERE k.cluster_id = drafts.cluster_id
                  ORDER BY k.connection_id = drafts.connection_id DESC LIMIT 1),
  organization_name = (SELECT c.name FROM connections c WHERE c.id = drafts.connection_id);
CREATE INDEX clusters_by_cluster_id ON clusters (cluster_id, connection_id);
`
} as const
