import type { Cluster } from '#contract/models/cluster'

/**
 * Why a cluster's backups cannot be managed (null when they can). The Fleet's rows and the plan engine both say it;
 * a module of its own so that the plan engine (and `backup-desk plan`) need not load the Fleet's summaries.
 */
export function unsupportedReason(cluster: Pick<Cluster, 'deployment'>): string | null {
  switch (cluster.deployment) {
    case 'Dedicated':
      return null
    case 'Free':
      return 'Free clusters cannot be backed up. Upgrade the cluster to Dedicated to use backups.'
    case 'Serverless':
      return 'Serverless clusters cannot be backed up. Migrate the cluster to Dedicated to use backups.'
  }
}
