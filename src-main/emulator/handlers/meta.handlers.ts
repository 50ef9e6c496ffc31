/** Clusters, projects, cloud meta and jobs (docs/zilliz-api-notes.md#jobs, #clusters). */
import { apiError } from '../errors.ts'
import type { Cluster } from '../model.ts'
import { CLOUDS, REGIONS } from '../regions.ts'
import { clusterDetail, clusterListItem, jobView, projectView } from '../views.ts'
import type { World } from '../world.ts'
import { isListable } from '../world.ts'
import { liveCluster, paging } from './common.ts'
import type { RouteDef } from './types.ts'

function liveClusters(world: World): Cluster[] {
  return [...world.clusters.values()].filter((cluster) => cluster.status !== 'DELETED')
}

function projectData(world: World, projectId: string): Record<string, unknown> | undefined {
  const project = world.projects.get(projectId)
  if (project === undefined) return undefined
  const clusters = liveClusters(world).filter((cluster) => cluster.projectId === projectId)
  const regionIds = [...new Set(clusters.map((cluster) => cluster.regionId))]
  return projectView(project, clusters.length, regionIds)
}

export const metaRoutes: RouteDef[] = [
  {
    method: 'GET',
    template: '/v2/clusters',
    handler: ({ world, query }) => {
      const { pageSize, currentPage } = paging(query)
      const region = query.get('region') ?? query.get('regionId')
      const clusters = liveClusters(world).filter((c) => region === null || region === '' || c.regionId === region)
      const first = (currentPage - 1) * pageSize
      return {
        count: clusters.length,
        currentPage,
        pageSize,
        clusters: clusters.slice(first, first + pageSize).map(clusterListItem)
      }
    }
  },
  {
    method: 'GET',
    template: '/v2/clusters/{clusterId}',
    handler: ({ world, params }) => {
      const cluster = liveCluster(world, params.clusterId)
      const snapshots = (world.byCluster.get(cluster.clusterId) ?? []).filter(isListable).length
      return clusterDetail(cluster, snapshots)
    }
  },
  {
    method: 'GET',
    template: '/v2/projects',
    handler: ({ world }) => [...world.projects.keys()].map((id) => projectData(world, id))
  },
  {
    method: 'GET',
    template: '/v2/projects/{projectId}',
    handler: ({ world, params }) => {
      const data = params.projectId === undefined ? undefined : projectData(world, params.projectId)
      if (data === undefined) throw apiError(96005)
      return data
    }
  },
  { method: 'GET', template: '/v2/clouds', handler: () => CLOUDS },
  {
    method: 'GET',
    template: '/v2/regions',
    handler: ({ query, baseUrl }) => {
      const cloudId = query.get('cloudId')
      if (cloudId !== null && cloudId !== '' && !CLOUDS.some((cloud) => cloud.cloudId === cloudId)) throw apiError(96000)
      return REGIONS.filter((r) => cloudId === null || cloudId === '' || r.cloudId === cloudId).map((r) => ({
        cloudId: r.cloudId,
        regionId: r.regionId,
        domain: 'api.cloud.zilliz.com',
        apiBaseUrl: baseUrl,
        supportedClusterTypes: ['free', 'serverless', 'dedicated']
      }))
    }
  },
  {
    method: 'GET',
    template: '/v2/jobs/{jobId}',
    handler: ({ world, params, now }) => {
      const job = params.jobId === undefined ? undefined : world.jobs.get(params.jobId)
      if (job === undefined) throw apiError(96026)
      return jobView(job, now, world.jobDurationMs)
    }
  }
]
