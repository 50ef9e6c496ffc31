/** Programmatic entry point: start a local Zilliz Cloud control-plane emulator on 127.0.0.1. */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { ClockMode } from './clock.ts'
import { createCore } from './emulator.ts'
import type { CreateClusterInput, EmulatorStateSnapshot } from './emulator.ts'
import type { FaultSpec } from './faults.ts'
import type { Cluster } from './model.ts'
import { createSaver, loadWorld } from './persistence.ts'
import { applySeed, parseSeed } from './seeds.ts'
import { createEmulatorServer } from './server.ts'
import { createWorld } from './world.ts'

export type { CreateClusterInput, EmulatorStateSnapshot, JobSnapshot } from './emulator.ts'
export type { FaultSpec } from './faults.ts'
export type { Backup, Cluster, Job, Policy, Project } from './model.ts'

export type EmulatorOptions = {
  /** 0 or undefined = a random free port. */
  port?: number
  host?: '127.0.0.1'
  /** Default: one random key. */
  apiKeys?: string[]
  /** 'demo' | 'empty' | 'large:C:B'; default 'demo'. */
  seed?: string
  latencyMs?: number
  /** Requests per second per API key per endpoint; default 20. */
  rateLimit?: number
  stateFile?: string
  /** Epoch ms the emulator clock starts at; default Date.now(). */
  startTime?: number
  /** real: startTime + elapsed real time + advances; manual: moves only via advance/setTime. */
  clockMode?: ClockMode
  /** Emulator time a backup or restore job takes; default 60 s. */
  jobDurationMs?: number
}

export type RunningEmulator = {
  url: string
  port: number
  apiKey: string
  now(): number
  advance(ms: number): void
  setTime(epochMs: number): void
  injectFault(f: FaultSpec): void
  clearFaults(): void
  state(): EmulatorStateSnapshot
  createCluster(input: CreateClusterInput): Cluster
  dropCluster(clusterId: string): void
  requestCounts(): Record<string, number>
  close(): Promise<void>
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const apiKeys = options.apiKeys !== undefined && options.apiKeys.length > 0 ? options.apiKeys : [randomBytes(24).toString('hex')]
  const jobDurationMs = options.jobDurationMs ?? 60_000
  const loaded = options.stateFile === undefined ? null : loadWorld(options.stateFile)
  const startTime = options.startTime ?? Math.max(Date.now(), loaded?.now ?? 0)
  const world = loaded ?? createWorld(startTime, jobDurationMs, 20_240_730)
  if (loaded === null) applySeed(world, parseSeed(options.seed ?? 'demo'), startTime)
  const rateLimit = options.rateLimit ?? 20
  const core = createCore(world, { startTime, clockMode: options.clockMode ?? 'real', apiKeys, rateLimit })
  const saver = options.stateFile === undefined ? null : createSaver(world, options.stateFile)
  if (saver !== null) {
    core.onChange(() => saver.schedule())
    saver.flush()
  }
  let url = ''
  const server = createEmulatorServer(core, { latencyMs: options.latencyMs ?? 0, rateLimit, baseUrl: () => url })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  url = `http://127.0.0.1:${port}`
  const apiKey = apiKeys[0] ?? ''
  let closing: Promise<void> | null = null
  return {
    url,
    port,
    apiKey,
    now: () => core.sync(),
    advance(ms) {
      core.clock.advance(ms)
      core.sync()
      core.changed()
    },
    setTime(epochMs) {
      core.clock.setTime(epochMs)
      core.sync()
      core.changed()
    },
    injectFault: (fault) => core.injectFault(fault),
    clearFaults: () => core.faults.clear(),
    state: () => core.state(),
    createCluster: (input) => core.createCluster(input),
    dropCluster: (clusterId) => core.dropCluster(clusterId),
    requestCounts: () => Object.fromEntries(core.counts),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        // Stalled responses never finish on their own.
        server.closeAllConnections()
      }).then(() => {
        core.sync()
        saver?.flush()
      })
      return closing
    }
  }
}
