import { describe, expect, it } from 'vitest'
import { readPolicyFile, type PolicyFileContent } from '#core/policy-files/read-policy-file'
import { resolvePolicyFile } from '#core/policy-files/resolve-policy-file'

const HEAD = 'apiVersion: backup-desk/v1\nkind: BackupPolicySet\n'
const NIGHTLY = `templates:
  nightly:
    enabled: true
    frequency: "1,2,3"
    startTime: "02:00-04:00"
    retentionDays: 7
`

async function content(text: string): Promise<PolicyFileContent> {
  const read = await readPolicyFile(text)
  if (!read.ok) throw new Error(`expected a readable file, got ${JSON.stringify(read.problems)}`)
  return read.content
}

describe('reading a policy file', () => {
  it('refuses an unknown apiVersion, naming line and field', async () => {
    expect(await readPolicyFile('apiVersion: backup-desk/v9\nkind: BackupPolicySet\n')).toEqual({
      ok: false,
      problems: [{ line: 1, field: 'apiVersion', message: 'apiVersion must be backup-desk/v1.' }]
    })
  })

  it('refuses malformed YAML with the line of the fault', async () => {
    const read = await readPolicyFile(`${HEAD}clusters:\n  - id: a\n    policy: {enabled: true\n`)
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.problems[0]?.line).toBeGreaterThanOrEqual(4)
  })

  it('names the line of an unclosed bracket at the end of the file, not the line after it', async () => {
    const unclosed = `${HEAD}clusters:\n  - id: [unclosed`
    expect(await readPolicyFile(`${unclosed}\n`)).toMatchObject({ ok: false, problems: [{ line: 4 }] })
    expect(await readPolicyFile(`${unclosed}\n\n\n`)).toMatchObject({ ok: false, problems: [{ line: 4 }] })
    expect(await readPolicyFile(unclosed)).toMatchObject({ ok: false, problems: [{ line: 4 }] })
  })

  it('names a misspelt field at its own line, suggesting the field it is one letter from', async () => {
    const text = `${HEAD}clusters:\n  - id: in01-a\n    policy:\n      enabled: true\n      frequency: "1"\n      startTime: "02:00-04:00"\n      retentionDay: 21\n`
    const [target] = resolvePolicyFile(await content(text))
    expect(target?.problem).toEqual({ line: 9, field: 'policy.retentionDay', message: 'Unknown field retentionDay (did you mean retentionDays?).' })
  })

  it('refuses a file whose template is invalid, at the template field', async () => {
    const read = await readPolicyFile(HEAD + NIGHTLY.replace('retentionDays: 7', 'retentionDays: 90'))
    expect(read).toMatchObject({ ok: false, problems: [{ line: 8, field: 'templates.nightly.retentionDays' }] })
  })

  it('refuses duplicate keys instead of keeping the last one', async () => {
    const read = await readPolicyFile(`${HEAD}kind: BackupPolicySet\n`)
    expect(read).toMatchObject({ ok: false, problems: [{ line: 3 }] })
  })

  it('reads JSON with the same rules and lines', async () => {
    const json = '{\n  "apiVersion": "backup-desk/v1",\n  "kind": "BackupPolicySet",\n  "clusters": [\n    { "id": "in01-a", "policy": { "enabled": true, "frequency": "1", "startTime": "02:00-04:00", "retentionDays": 40 } }\n  ]\n}\n'
    const [target] = resolvePolicyFile(await content(json))
    expect(target).toMatchObject({ clusterId: 'in01-a', policy: null, problem: { line: 5, field: 'policy.retentionDays' } })
  })
})

describe('resolving a file to per-cluster policies', () => {
  it('applies a template, a template with overrides and a whole policy', async () => {
    const targets = resolvePolicyFile(
      await content(`${HEAD}${NIGHTLY}clusters:
  - id: in01-a
    name: orders
    template: nightly
  - id: in01-b
    template: nightly
    overrides:
      retentionDays: 30
      crossRegionCopies: [{ regionId: aws-us-east-1, retentionDays: 3 }]
  - id: in01-c
    policy: { enabled: false }
`)
    )
    expect(targets.map((t) => [t.clusterId, t.line, t.templateName, t.policy, t.problem])).toEqual([
      ['in01-a', 10, 'nightly', { enabled: true, frequency: '1,2,3', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [] }, null],
      ['in01-b', 13, 'nightly', { enabled: true, frequency: '1,2,3', startTime: '02:00-04:00', retentionDays: 30, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }] }, null],
      ['in01-c', 18, undefined, { enabled: false, frequency: '', startTime: '', retentionDays: 0 }, null]
    ])
  })

  it('marks only the bad entries invalid, with their line and field, a cluster listed twice once for both, and keeps the others', async () => {
    const targets = resolvePolicyFile(
      await content(`${HEAD}${NIGHTLY}clusters:
  - id: in01-a
    template: nightly
  - id: in01-b
    template: nightly
    overrides:
      frequency: "8"
  - id: in01-c
    template: weekly
  - id: in01-a
    template: nightly
  - id: in01-d
    template: nightly
    colour: blue
  - id: in01-e
    policy: { enabled: true, frequency: "1", startTime: "02:00-04:00" }
`)
    )
    expect(targets.map((t) => [t.clusterId, t.problem])).toEqual([
      ['in01-a', { line: 10, field: 'id', message: 'Cluster in01-a is listed 2 times in this file (lines 10 and 18): keep one entry; none is applied.' }],
      ['in01-b', { line: 15, field: 'overrides.frequency', message: 'Use weekday numbers 1 (Monday) to 7 (Sunday), comma-separated, e.g. 1,3,5.' }],
      ['in01-c', { line: 16, field: 'template', message: 'There is no template named weekly in this file.' }],
      ['in01-d', { line: 22, field: 'colour', message: 'Unknown field colour.' }],
      ['in01-e', { line: 24, field: 'policy.retentionDays', message: 'policy.retentionDays is missing.' }]
    ])
  })

  it('refuses a template switched on by an override without a schedule', async () => {
    const [target] = resolvePolicyFile(
      await content(`${HEAD}templates:\n  off: { enabled: false }\nclusters:\n  - id: in01-a\n    template: off\n    overrides: { enabled: true }\n`)
    )
    expect(target?.problem).toEqual({ line: 6, field: 'overrides', message: 'Automatic backups are on, so frequency is needed.' })
  })

  it('asks for template or policy, not both and not neither', async () => {
    const targets = resolvePolicyFile(await content(`${HEAD}${NIGHTLY}clusters:\n  - id: in01-a\n  - id: in01-b\n    template: nightly\n    policy: { enabled: false }\n`))
    expect(targets.map((t) => t.problem?.message)).toEqual(['Give the cluster a template or a policy.', 'Give either template (with overrides) or policy, not both.'])
  })
})
