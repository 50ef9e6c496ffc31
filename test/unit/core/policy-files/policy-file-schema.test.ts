import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { policyFileSchemaText, SCHEMA_PATH } from '../../../../scripts/generate-policy-schema.ts'
import { readPolicyFile } from '#core/policy-files/read-policy-file'
import { resolvePolicyFile } from '#core/policy-files/resolve-policy-file'

const EXAMPLE = join(import.meta.dirname, '../../../../docs/examples/backup-policies.yaml')

function validator(): ReturnType<Ajv['compile']> {
  return new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object)
}

describe('the shipped JSON Schema of policy files', () => {
  it('is exactly what the contract generates (run `npm run policy-schema` after changing the zod schema)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(policyFileSchemaText())
  })

  it('accepts the documented example, which the core also reads without a problem', async () => {
    const text = readFileSync(EXAMPLE, 'utf8')
    const validate = validator()
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true)
    const read = await readPolicyFile(text)
    expect(read.ok).toBe(true)
    if (read.ok) expect(resolvePolicyFile(read.content).filter((t) => t.problem !== null)).toEqual([])
  })

  it('rejects what the core rejects: a wrong apiVersion, an out-of-range retention, an unknown field', () => {
    const validate = validator()
    const base = { apiVersion: 'backup-desk/v1', kind: 'BackupPolicySet' }
    const policy = { enabled: true, frequency: '1', startTime: '02:00-04:00', retentionDays: 7 }
    expect(validate({ ...base, clusters: [{ id: 'in01-a', policy }] })).toBe(true)
    expect(validate({ ...base, apiVersion: 'backup-desk/v2' })).toBe(false)
    expect(validate({ ...base, clusters: [{ id: 'in01-a', policy: { ...policy, retentionDays: 31 } }] })).toBe(false)
    expect(validate({ ...base, clusters: [{ id: 'in01-a', policy, colour: 'blue' }] })).toBe(false)
  })
})
