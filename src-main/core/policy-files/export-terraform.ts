import type { ExportableCluster } from './export-policy-file.ts'

/*
 * Terraform for the zilliztech/zillizcloud provider's `zillizcloud_backup_policy` resource (its docs:
 * cluster_id, region_id, frequency, start_time, retention_days, enabled, cross_region_copies; import id
 * `/clusters/<cluster id>/backups/policy`), laid out the way `terraform fmt` leaves it: two-space
 * indents and the `=` of consecutive one-line attributes aligned.
 */

const RESOURCE = 'zillizcloud_backup_policy'

export function terraformOf(clusters: readonly ExportableCluster[]): string {
  const names = resourceNames(clusters.map((c) => c.clusterName))
  const managed = clusters.map((c, i) => ({ cluster: c, name: names[i] ?? '' })).filter((m) => m.cluster.policy.enabled)
  const off = clusters.filter((c) => !c.policy.enabled)
  const blocks: string[] = [
    [
      '# Backup policies exported by Backup Desk. The import blocks let `terraform plan` adopt the',
      '# existing policies without changes (Terraform 1.5 or later).'
    ].join('\n')
  ]
  if (off.length > 0) {
    blocks.push(
      [
        '# Not managed here: automatic backups are off, and the provider reads a switched-off policy as absent.',
        ...off.map((c) => `#   ${c.clusterId} (${c.clusterName})`)
      ].join('\n')
    )
  }
  for (const { cluster, name } of managed) {
    blocks.push(importBlock(cluster, name), resourceBlock(cluster, name))
  }
  return blocks.join('\n\n') + '\n'
}

function importBlock(cluster: ExportableCluster, name: string): string {
  return ['import {', ...aligned([['to', `${RESOURCE}.${name}`], ['id', quote(`/clusters/${cluster.clusterId}/backups/policy`)]], '  '), '}'].join('\n')
}

function resourceBlock(cluster: ExportableCluster, name: string): string {
  const { policy } = cluster
  const lines = [
    `resource "${RESOURCE}" "${name}" {`,
    ...aligned(
      [
        ['cluster_id', quote(cluster.clusterId)],
        ['region_id', quote(cluster.regionId)],
        ['frequency', quote(policy.frequency)],
        ['start_time', quote(policy.startTime)],
        ['retention_days', String(policy.retentionDays)],
        ['enabled', String(policy.enabled)]
      ],
      '  '
    )
  ]
  const copies = policy.crossRegionCopies ?? []
  if (copies.length > 0) {
    lines.push('', '  cross_region_copies = [')
    copies.forEach((copy, i) => {
      lines.push('    {', ...aligned([['region_id', quote(copy.regionId)], ['retention_days', String(copy.retentionDays)]], '      '))
      lines.push(i === copies.length - 1 ? '    }' : '    },')
    })
    lines.push('  ]')
  }
  lines.push('}')
  return lines.join('\n')
}

/** `name = value` lines with the `=` signs in one column, as `terraform fmt` aligns them. */
function aligned(pairs: readonly (readonly [string, string])[], indent: string): string[] {
  const width = Math.max(...pairs.map(([key]) => key.length))
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`)
}

/** An HCL string literal; `${` and `%{` are escaped so that no value is read as a template. */
function quote(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{')
  return `"${escaped}"`
}

/**
 * Readable resource names from cluster names: lower snake case, starting with a letter or underscore
 * (Terraform identifiers), made unique with a numeric suffix.
 */
export function resourceNames(clusterNames: readonly string[]): string[] {
  const used = new Set<string>()
  return clusterNames.map((raw) => {
    let base = raw
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
    if (base === '') base = 'cluster'
    if (/^[0-9]/.test(base)) base = `cluster_${base}`
    let name = base
    for (let n = 2; used.has(name); n += 1) name = `${base}_${n}`
    used.add(name)
    return name
  })
}
