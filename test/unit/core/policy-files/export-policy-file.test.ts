import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { exportPolicies, type ExportableCluster } from '#core/policy-files/export-policy-file'
import { resourceNames } from '#core/policy-files/export-terraform'
import { readPolicyFile } from '#core/policy-files/read-policy-file'
import { resolvePolicyFile } from '#core/policy-files/resolve-policy-file'
import { policiesEqual } from '#contract/policy-rules'

// hcl2-parser's own typings declare everything `any`; this is the one function used.
const hcl = createRequire(import.meta.url)('hcl2-parser') as { parseToObject(input: string): unknown }

const FLEET: ExportableCluster[] = [
  { clusterId: 'in01-a1', clusterName: 'orders-prod', projectName: 'Prod', regionId: 'aws-us-west-2',
    policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }, { regionId: 'aws-eu-central-1', retentionDays: 5 }] } },
  { clusterId: 'in01-b2', clusterName: 'Orders Prod', projectName: 'Prod', regionId: 'aws-us-east-1',
    policy: { enabled: true, frequency: '6', startTime: '22:00-23:59', retentionDays: 30, crossRegionCopies: [] } },
  { clusterId: 'in01-c3', clusterName: '2024 "search"', projectName: 'Staging', regionId: 'gcp-us-west1',
    policy: { enabled: true, frequency: '1,3,5', startTime: '10:00-12:00', retentionDays: 1 } },
  { clusterId: 'in01-d4', clusterName: 'analytics', projectName: 'Staging', regionId: 'aws-us-west-2',
    policy: { enabled: false, frequency: '', startTime: '', retentionDays: 0 } }
]

type HclResource = { cluster_id: string; region_id: string; frequency: string; start_time: string; retention_days: number; enabled: boolean; cross_region_copies?: { region_id: string; retention_days: number }[] }
type HclFile = { import: { id: string; to: string }[]; resource: { zillizcloud_backup_policy: Record<string, HclResource[]> } }

describe('Terraform export', () => {
  const tf = exportPolicies(FLEET, 'terraform')

  it('has one zillizcloud_backup_policy per enabled cluster with every field of the fleet, parsed by an HCL parser', () => {
    const [parsed, error] = hcl.parseToObject(tf.content) as [HclFile, unknown]
    expect(error).toBeNull()
    const resources = parsed.resource.zillizcloud_backup_policy
    expect(Object.keys(resources).sort()).toEqual(['cluster_2024_search', 'orders_prod', 'orders_prod_2'])
    for (const [name, cluster] of [['orders_prod', FLEET[0]], ['orders_prod_2', FLEET[1]], ['cluster_2024_search', FLEET[2]]] as const) {
      const [resource] = resources[name] ?? []
      const copies = (cluster?.policy.crossRegionCopies ?? []).map((c) => ({ region_id: c.regionId, retention_days: c.retentionDays }))
      expect(resource).toEqual({
        cluster_id: cluster?.clusterId,
        region_id: cluster?.regionId,
        frequency: cluster?.policy.frequency,
        start_time: cluster?.policy.startTime,
        retention_days: cluster?.policy.retentionDays,
        enabled: true,
        ...(copies.length === 0 ? {} : { cross_region_copies: copies })
      })
    }
    expect(parsed.import).toEqual([
      { to: '${zillizcloud_backup_policy.orders_prod}', id: '/clusters/in01-a1/backups/policy' },
      { to: '${zillizcloud_backup_policy.orders_prod_2}', id: '/clusters/in01-b2/backups/policy' },
      { to: '${zillizcloud_backup_policy.cluster_2024_search}', id: '/clusters/in01-c3/backups/policy' }
    ])
    expect(tf.filename).toBe('backup-policies.tf')
  })

  it('lists switched-off clusters in a comment instead of a resource the provider would read as absent', () => {
    expect(tf.content).toContain('#   in01-d4 (analytics)')
    expect(tf.content).not.toContain('"in01-d4"')
  })

  it('is laid out as terraform fmt leaves it: two-space indents, aligned equals signs, one blank line between blocks', () => {
    const block = tf.content.split('\n\n').find((b) => b.startsWith('resource') && b.includes('in01-b2'))
    expect(block).toBe(
      [
        'resource "zillizcloud_backup_policy" "orders_prod_2" {',
        '  cluster_id     = "in01-b2"',
        '  region_id      = "aws-us-east-1"',
        '  frequency      = "6"',
        '  start_time     = "22:00-23:59"',
        '  retention_days = 30',
        '  enabled        = true',
        '}'
      ].join('\n')
    )
    expect(tf.content).toContain('\n\n  cross_region_copies = [\n    {\n      region_id      = "aws-us-east-1"\n      retention_days = 3\n    },\n')
    expect(tf.content.endsWith('}\n')).toBe(true)
    expect(tf.content).not.toMatch(/\n\n\n|[ \t]\n/)
  })

  it('derives valid, unique identifiers from any cluster name', () => {
    const names = resourceNames(['a-b', 'A B', 'a_b', '9lives', '---', 'ünïcödé', ''])
    expect(names).toEqual(['a_b', 'a_b_2', 'a_b_3', 'cluster_9lives', 'cluster', 'unicode', 'cluster_2'])
    for (const n of names) expect(n).toMatch(/^[a-z_][a-z0-9_]*$/)
  })
})

describe('YAML and JSON export', () => {
  it.each(['yaml', 'json'] as const)('reads back (%s) to exactly the exported policies', async (format) => {
    const exported = exportPolicies(FLEET, format)
    const read = await readPolicyFile(exported.content)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    const targets = resolvePolicyFile(read.content)
    expect(targets.map((t) => t.problem)).toEqual(FLEET.map(() => null))
    targets.forEach((t, i) => {
      const cluster = FLEET[i]
      expect(t.clusterId).toBe(cluster?.clusterId)
      expect(t.name).toBe(cluster?.clusterName)
      expect(t.policy !== null && cluster !== undefined && policiesEqual(t.policy, cluster.policy)).toBe(true)
    })
  })

  it('gives the same bytes for the same fleet (no dates: diffs in Git show only real changes)', () => {
    expect(exportPolicies(FLEET, 'yaml').content).toBe(exportPolicies([...FLEET], 'yaml').content)
    expect(exportPolicies(FLEET, 'yaml').content).not.toMatch(/20\d\d-\d\d-\d\d/)
  })
})
