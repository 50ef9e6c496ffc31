import { describe, expect, test } from 'vitest'
import type { ClusterChoice } from '#contract/commands/backup-filter-options'
import type { Backup } from '#contract/models/backup'
import { collectionKey, collectionsByDatabase, restoreTargets } from '../../../src-renderer/features/backups/restore-targets.ts'

function cluster(clusterId: string, o: Partial<ClusterChoice> = {}): ClusterChoice {
  const deployment = o.deployment ?? 'Dedicated'
  return {
    clusterId, clusterName: `name-${clusterId}`, projectId: 'p1', projectName: 'Production', connectionId: 'org-a', deployment, status: 'RUNNING',
    supportsBackup: deployment === 'Dedicated', ...o
  }
}

const BACKUP = { backupId: 'b1', clusterId: 'k-source', connectionId: 'org-a' } as Backup

describe('where a backup\'s collection can be restored', () => {
  test('only RUNNING Dedicated clusters of the backup\'s organization, its own cluster first', () => {
    const targets = restoreTargets(
      [
        cluster('k-zeta'),
        cluster('k-alpha'),
        cluster('k-source'),
        cluster('k-stopped', { status: 'SUSPENDED' }),
        cluster('k-serverless', { deployment: 'Serverless' }),
        cluster('k-free', { deployment: 'Free' }),
        cluster('k-other-org', { connectionId: 'org-b' })
      ],
      BACKUP
    )
    expect(targets.map((c) => c.clusterId)).toEqual(['k-source', 'k-alpha', 'k-zeta'])
  })

  test('collections are grouped by database in name order, and told apart by database and name', () => {
    const groups = collectionsByDatabase([
      { dbName: 'sales', collectionName: 'orders', status: null },
      { dbName: 'default', collectionName: 'products', status: 'LOADED' },
      { dbName: 'default', collectionName: 'articles', status: 'LOADED' },
      { dbName: 'sales', collectionName: 'articles', status: null }
    ])
    expect(groups.map(([db, items]) => [db, items.map((c) => c.collectionName)])).toEqual([
      ['default', ['articles', 'products']],
      ['sales', ['articles', 'orders']]
    ])
    expect(collectionKey({ dbName: 'default', collectionName: 'articles' })).not.toBe(collectionKey({ dbName: 'sales', collectionName: 'articles' }))
  })
})
