/** Set and get backup policy (docs/zilliz-api-notes.md#set-policy, #get-policy). */
import { apiError } from '../errors.ts'
import type { CrossRegionCopy } from '../model.ts'
import { setPolicy } from '../operations.ts'
import type { PolicyInput } from '../operations.ts'
import { policyView } from '../views.ts'
import { bodyObject, checkCopyRegion, dedicatedCluster, isInteger, isObject } from './common.ts'
import type { JsonObject } from './common.ts'
import type { RouteDef } from './types.ts'

const FREQUENCY = /^[1-7](,[1-7])*$/
const WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/
const SINGLE_HOUR = /^([01]\d|2[0-3]):[0-5]\d$/
/** CLI aliases (docs/zilliz-api-notes.md#set-policy); whether the REST API takes them is unknown, accepting them is harmless. */
const FREQUENCY_ALIASES: Record<string, string> = { daily: '1,2,3,4,5,6,7', weekdays: '1,2,3,4,5', weekends: '6,7' }

function parseFrequency(value: unknown): string {
  if (typeof value !== 'string') throw apiError(96032)
  const normalized = FREQUENCY_ALIASES[value.toLowerCase()] ?? value.replace(/\s+/g, '')
  if (!FREQUENCY.test(normalized)) throw apiError(96032)
  return normalized
}

function parseWindow(value: unknown): string {
  if (typeof value !== 'string') throw apiError(96033)
  if (WINDOW.test(value)) return value
  if (!SINGLE_HOUR.test(value)) throw apiError(96033)
  const hour = (Number(value.slice(0, 2)) + 2) % 24
  return `${value}-${String(hour).padStart(2, '0')}${value.slice(2)}`
}

function parseRetention(value: unknown): number {
  if (!isInteger(value) || value < 1 || value > 30) throw apiError(96034)
  return value
}

function parsePolicy(body: JsonObject, regionCheck: (regionId: unknown) => string): PolicyInput {
  if (typeof body.enabled !== 'boolean') throw apiError(96100, "'enabled' is required and must be a boolean.")
  // Disabling accepts anything else, including Terraform's Go zero values (docs/zilliz-api-notes.md#set-policy).
  if (!body.enabled) return { enabled: false, frequency: '', startTime: '', retentionDays: 0, crossRegionCopies: [] }
  const rawCopies = body.crossRegionCopies ?? body.crossRegionPolicies ?? []
  if (!Array.isArray(rawCopies)) throw apiError(96100, "'crossRegionCopies' must be an array.")
  const crossRegionCopies: CrossRegionCopy[] = rawCopies.map((item: unknown) => {
    if (!isObject(item)) throw apiError(96100, "'crossRegionCopies' items must be objects.")
    return { regionId: regionCheck(item.regionId), retentionDays: parseRetention(item.retentionDays) }
  })
  return {
    enabled: true,
    frequency: parseFrequency(body.frequency),
    startTime: parseWindow(body.startTime),
    retentionDays: parseRetention(body.retentionDays),
    crossRegionCopies
  }
}

export const policyRoutes: RouteDef[] = [
  {
    method: 'POST',
    template: '/v2/clusters/{clusterId}/backups/policy',
    handler: ({ world, params, body, now }) => {
      const cluster = dedicatedCluster(world, params.clusterId)
      const input = parsePolicy(bodyObject(body), (regionId) => checkCopyRegion(cluster, regionId))
      const policy = setPolicy(world, cluster, input, now)
      return { clusterId: cluster.clusterId, status: policy.enabled ? 'ENABLED' : 'DISABLED' }
    }
  },
  {
    method: 'GET',
    template: '/v2/clusters/{clusterId}/backups/policy',
    handler: ({ world, params }) => {
      const cluster = dedicatedCluster(world, params.clusterId)
      return policyView(cluster.clusterId, world.policies.get(cluster.clusterId))
    }
  }
]
