import type { FilePolicy, PolicyFileCluster } from '#contract/models/policy-file'
import { readValidPolicyFile } from './read-valid-policy-file.ts'

/** Where in the file something is wrong: 1-based line, and the field as a dotted path. */
export type FileProblem = { line: number; field?: string; message: string }

export type FileClusterEntry =
  | { ok: true; line: number; cluster: PolicyFileCluster }
  | { ok: false; line: number; clusterId: string | null; problem: FileProblem }

export type PolicyFileContent = {
  templates: Map<string, { line: number; policy: FilePolicy }>
  clusters: FileClusterEntry[]
}

export type ReadResult = { ok: true; content: PolicyFileContent } | { ok: false; problems: FileProblem[] }

/**
 * Reads a policy file (YAML, or JSON which YAML 1.2 also reads) with the contract's schema. A file without any
 * problem takes the fast path (read-valid-policy-file.ts), so `backup-desk plan` of 1,000 clusters keeps its budget
 * (bench/cli-start.bench.ts); any other file is read again by explain-policy-file.ts, which names each problem's
 * line and field. Both read a valid file alike (test/unit/core/policy-files/read-policy-file-paths.test.ts).
 */
export async function readPolicyFile(text: string): Promise<ReadResult> {
  const content = readValidPolicyFile(text)
  if (content !== null) return { ok: true, content }
  // The `yaml` library's document model is loaded only for a file with a problem: a valid file does without it.
  const { explainPolicyFile } = await import('./explain-policy-file.ts')
  return explainPolicyFile(text)
}
