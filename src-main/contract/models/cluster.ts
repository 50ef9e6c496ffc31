import { z } from 'zod'
import { backupPolicySchema } from './policy.ts'

export const projectSchema = z
  .object({
    projectId: z.string(),
    projectName: z.string(),
    plan: z.string().nullable(),
    connectionId: z.string()
  })
  .strict()

export type Project = z.infer<typeof projectSchema>

/** Dedicated clusters can be backed up; Free and Serverless cannot (API codes 96021/96022). */
export const deploymentSchema = z.enum(['Dedicated', 'Serverless', 'Free'])
export type Deployment = z.infer<typeof deploymentSchema>

/** Whether a cluster of this deployment can have backups: the one rule behind every `supportsBackup`. */
export function supportsBackup(deployment: Deployment): boolean {
  return deployment === 'Dedicated'
}

export const clusterSchema = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    projectId: z.string(),
    connectionId: z.string(),
    regionId: z.string(),
    plan: z.string(),
    deployment: deploymentSchema,
    cuType: z.string(),
    cuSize: z.number(),
    status: z.string(),
    createTime: z.string().nullable()
  })
  .strict()

export type Cluster = z.infer<typeof clusterSchema>

/** The remote policy as last mirrored, and when it was read. */
export const mirroredPolicySchema = z
  .object({
    clusterId: z.string(),
    policy: backupPolicySchema,
    readAt: z.string()
  })
  .strict()

export type MirroredPolicy = z.infer<typeof mirroredPolicySchema>
