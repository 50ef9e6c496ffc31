// Writes docs/policy-file.schema.json from the contract's zod schema (src-main/contract/models/policy-file.ts),
// the one rule for policy files. test/unit/core/policy-files/policy-file-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { policyFileJsonSchema } from '#contract/models/policy-file'

export const SCHEMA_PATH = join(import.meta.dirname, '..', 'docs', 'policy-file.schema.json')

export function policyFileSchemaText(): string {
  return JSON.stringify(policyFileJsonSchema(), null, 2) + '\n'
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, policyFileSchemaText())
  process.stdout.write(`Wrote ${SCHEMA_PATH}\n`)
}
