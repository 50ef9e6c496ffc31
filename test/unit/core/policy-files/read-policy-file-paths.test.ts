import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import type { FilePolicy } from '#contract/models/policy-file'
import { explainPolicyFile } from '#core/policy-files/explain-policy-file'
import type { PolicyFileContent } from '#core/policy-files/read-policy-file'
import { readValidPolicyFile } from '#core/policy-files/read-valid-policy-file'

/*
 * readPolicyFile reads a valid file on its fast path (js-yaml events) and any other through explain-policy-file.ts
 * (the `yaml` document model). These tests hold the two to one meaning: the same content and lines for every valid
 * file, and no fast answer at all for a file with a problem, so problems are always named by the explainer.
 */

const HEAD = 'apiVersion: backup-desk/v1\nkind: BackupPolicySet\n'

function explained(text: string): PolicyFileContent {
  const read = explainPolicyFile(text)
  if (!read.ok) throw new Error(`the explainer found problems: ${JSON.stringify(read.problems)}`)
  return read.content
}

function expectSameReading(text: string): void {
  const fast = readValidPolicyFile(text)
  expect(fast, 'the fast path read nothing').not.toBeNull()
  expect(fast).toEqual(explained(text))
}

describe('a valid policy file reads the same on the fast path as through the explainer', () => {
  it.each([
    ['block style with a template, overrides and comments', `# fleet\n${HEAD}templates:\n  nightly:\n    enabled: true\n    frequency: "1,2,3"\n    startTime: "02:00-04:00"\n    retentionDays: 7\nclusters:\n  # first\n  - id: in01-a\n    template: nightly\n\n  - id: in01-b\n    template: nightly\n    overrides:\n      retentionDays: 30\n      crossRegionCopies:\n        - regionId: aws-us-east-1\n          retentionDays: 3\n`],
    ['flow style entries', `${HEAD}templates: { off: { enabled: false } }\nclusters: [{ id: in01-a, template: off }, { id: in01-b, policy: { enabled: true, frequency: "7", startTime: "23:00-01:00", retentionDays: 1 } }]\n`],
    ['an entry whose mapping starts on the line after its dash', `${HEAD}clusters:\n  -\n    id: in01-a\n    policy: { enabled: false }\n  - id: in01-b\n    policy:\n      enabled: false\n`],
    ['an explicit document start and end', `---\n${HEAD}clusters:\n  - id: in01-a\n    policy: { enabled: false }\n...\n`],
    ['Windows line endings', `${HEAD}clusters:\n  - id: in01-a\n    name: orders\n    policy: { enabled: false }\n`.replaceAll('\n', '\r\n')],
    ['quoted keys and values', `"apiVersion": 'backup-desk/v1'\nkind: "BackupPolicySet"\n"templates":\n  "t 1": { "enabled": false }\nclusters:\n  - { "id": "in01-a", "template": "t 1" }\n`],
    ['an alias inside an entry', `${HEAD}templates:\n  a:\n    enabled: true\n    frequency: "1"\n    startTime: "02:00-04:00"\n    retentionDays: 7\n    crossRegionCopies: &copies\n      - { regionId: aws-us-east-1, retentionDays: 3 }\nclusters:\n  - id: in01-a\n    template: a\n    overrides: { crossRegionCopies: *copies }\n`],
    ['no clusters at all', `${HEAD}clusters: []\n`],
    ['JSON', JSON.stringify({ apiVersion: 'backup-desk/v1', kind: 'BackupPolicySet', clusters: [{ id: 'in01-a', project: 'Default', policy: { enabled: false } }] }, null, 2)]
  ])('%s', (_name, text) => {
    expectSameReading(text)
  })

  it('holds for generated fleets written as block YAML, flow YAML and JSON', () => {
    const policy: fc.Arbitrary<FilePolicy> = fc.oneof(
      fc.constant<FilePolicy>({ enabled: false }),
      fc.record({
        enabled: fc.constant(true as const),
        frequency: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((days) => days.sort().join(',')),
        startTime: fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, '0')}:00-${String((h + 2) % 24).padStart(2, '0')}:00`),
        retentionDays: fc.integer({ min: 1, max: 30 }),
        crossRegionCopies: fc.array(fc.record({ regionId: fc.constantFrom('aws-us-east-1', 'gcp-us-west1'), retentionDays: fc.integer({ min: 1, max: 30 }) }), { maxLength: 2 })
      })
    )
    const names = fc.constantFrom('nightly', 'weekly', 'prod 2', 'x')
    const entry = fc.oneof(
      fc.record({ id: fc.stringMatching(/^in01-[a-z0-9]{1,8}$/), name: fc.string({ maxLength: 12 }), policy }, { requiredKeys: ['id', 'policy'] }),
      fc.record({ id: fc.stringMatching(/^in01-[a-z0-9]{1,8}$/), project: fc.string({ maxLength: 12 }), template: names }, { requiredKeys: ['id', 'template'] })
    )
    const file = fc.record({
      templates: fc.dictionary(names, policy, { minKeys: 4, maxKeys: 4 }),
      clusters: fc.array(entry, { maxLength: 8 })
    })
    // Generated entries share objects, which `yaml` would write as aliases (those entries take the explainer).
    const writers = [
      (v: object) => stringify(v, { aliasDuplicateObjects: false }),
      (v: object) => stringify(v, { aliasDuplicateObjects: false, collectionStyle: 'flow' }),
      (v: object) => stringify(v, { aliasDuplicateObjects: false, indentSeq: false, defaultStringType: 'QUOTE_DOUBLE' }),
      (v: object) => JSON.stringify(v, null, 2)
    ]
    fc.assert(
      fc.property(file, fc.constantFrom(...writers), (content, write) => {
        expectSameReading(write({ apiVersion: 'backup-desk/v1', kind: 'BackupPolicySet', ...content }))
      }),
      { numRuns: 200 }
    )
  })
})

describe('a file with any problem gets no fast answer, so the explainer names it', () => {
  it.each([
    ['an unknown apiVersion', 'apiVersion: backup-desk/v9\nkind: BackupPolicySet\n'],
    ['malformed YAML', `${HEAD}clusters:\n  - id: a\n    policy: {enabled: true\n`],
    ['a duplicate key', `${HEAD}kind: BackupPolicySet\n`],
    ['an invalid cluster entry', `${HEAD}clusters:\n  - id: in01-a\n    policy: { enabled: true, frequency: "1", startTime: "02:00-04:00", retentionDays: 40 }\n`],
    ['an unknown field', `${HEAD}clusters:\n  - id: in01-a\n    colour: blue\n    policy: { enabled: false }\n`],
    ['an entry that is an alias', `${HEAD}templates:\n  a: &entry { enabled: false }\nclusters:\n  - *entry\n`],
    ['two documents', `${HEAD}---\n${HEAD}`],
    ['a byte-order mark', `\uFEFF${HEAD}clusters: []\n`],
    ['nothing', '']
  ])('%s', (_name, text) => {
    expect(readValidPolicyFile(text)).toBeNull()
  })
})
