import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import type { BackupPolicy } from '#contract/models/policy'
import { bootCore } from '#core/boot'
import { nullNotifier } from '#core/notify/notifier'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { CliRunner } from '../../fakes/cli-runner.ts'
import { expectOk } from '../../fakes/envelope.ts'

let emulator: RunningEmulator
let cli: CliRunner

beforeEach(async () => {
  emulator = await startEmulator({ seed: 'demo', clockMode: 'manual' })
  cli = new CliRunner()
  expect((await cli.run(['connection', 'add', '--name', 'Demo org', '--base-url', emulator.url], { stdin: emulator.apiKey })).code).toBe(0)
  expect((await cli.run(['sync'])).code).toBe(0)
})

afterEach(async () => {
  await emulator.close()
  expect(cli.transcript).not.toContain(emulator.apiKey)
})

function clusterId(name: string): string {
  const found = emulator.state().clusters.find((c) => c.clusterName === name)
  if (found === undefined) throw new Error(`no cluster ${name}`)
  return found.clusterId
}

function remotePolicies(): Record<string, unknown> {
  return Object.fromEntries(emulator.state().policies.map((p) => [p.clusterId, { ...p }]))
}

/** The exported file, edited: `edit` gets the YAML document and the index of each cluster entry by name. */
async function exportedFile(edit?: (doc: ReturnType<typeof parseDocument>, indexOf: (name: string) => number) => void): Promise<string> {
  const path = join(cli.dataDir, 'policies.yaml')
  expect((await cli.run(['export', '--out', path])).code).toBe(0)
  if (edit === undefined) return path
  const doc = parseDocument(readFileSync(path, 'utf8'))
  const names = (doc.toJS() as { clusters: { name: string }[] }).clusters.map((c) => c.name)
  edit(doc, (name) => names.indexOf(name))
  return cli.file('policies.yaml', doc.toString())
}

/** A colleague changes the policy in the Zilliz console: a direct API call, not through Backup Desk. */
async function consoleSetPolicy(id: string, policy: BackupPolicy): Promise<void> {
  const response = await fetch(`${emulator.url}/v2/clusters/${id}/backups/policy`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(policy)
  })
  expect(((await response.json()) as { code: number }).code).toBe(0)
}

/** Reads the CLI's data folder the way the app would, after the CLI run closed it. */
async function withAppCore<T>(read: (core: ReturnType<typeof bootCore>) => Promise<T>): Promise<T> {
  const core = bootCore({ runtime: 'browser', dataDir: cli.dataDir, version: 'test', secretStore: cli.secrets, notifier: nullNotifier })
  try {
    return await read(core)
  } finally {
    await core.stop()
  }
}

describe('backup-desk plan', () => {
  it('plans no change for a file just exported, and exits 0', async () => {
    const file = await exportedFile()
    const result = await cli.run(['plan', file])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/: 0 to change, 5 unchanged, 0 skipped, 0 invalid\.\n$/)
    const json = JSON.parse((await cli.run(['plan', file, '--json'])).stdout) as { counts: Record<string, number> }
    expect(json.counts).toEqual({ change: 0, same: 5, skip: 0, invalid: 0, blocked: 0, templates: 0 })
  })

  it('shows an edited field as before → after on the cluster with its line, exits 2, and sends nothing', async () => {
    const before = remotePolicies()
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    const result = await cli.run(['plan', file])
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('1 to change, 4 unchanged')
    expect(result.stdout).toMatch(new RegExp(`~ search-prod ${clusterId('search-prod')} · Production \\(line \\d+\\)\\n    retentionDays: \\d+ → 21\\n`))
    expect(result.stdout).not.toContain('orders-prod')
    expect(remotePolicies()).toEqual(before)
  })

  it('writes nothing: the plan it prints is not stored, so plan/apply cannot find it', async () => {
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    const printed = await cli.run(['plan', file, '--json'])
    expect(printed.code).toBe(2)
    const { plan } = JSON.parse(printed.stdout) as { plan: { id: string } }
    const stored = await withAppCore(async (core) => await core.invoke('plan/get', { planId: plan.id }))
    expect(stored).toMatchObject({ ok: false, error: { code: 'input/invalid' } })
  })

  it('counts the backups that enabling a switched-off policy would start', async () => {
    const file = await exportedFile((doc, at) => {
      doc.setIn(['clusters', at('orders-prod'), 'policy'], { enabled: false })
    })
    expect((await cli.run(['apply', '--yes', file])).code).toBe(0)
    const back = await exportedFile((doc, at) => {
      doc.setIn(['clusters', at('orders-prod'), 'policy'], { enabled: true, frequency: '1,3,5', startTime: '02:00-04:00', retentionDays: 7 })
    })
    const result = await cli.run(['plan', back])
    expect(result.stdout).toContain('Enabling automatic backups starts a backup at once on 1 cluster.')
    expect(result.stdout).toContain('enabled: false → true')
  })
})

describe('backup-desk apply', () => {
  it('applies exactly the clusters the file changes, records them in the history, and plans empty afterwards', async () => {
    const before = remotePolicies()
    const search = clusterId('search-prod')
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    const result = await cli.run(['apply', '--yes', file])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`applied  search-prod ${search}`)
    expect(result.stdout).toContain('1 applied, 0 queued, 4 unchanged, 0 skipped, 0 conflicts, 0 failed.')
    const after = remotePolicies()
    expect(after[search]).toMatchObject({ retentionDays: 21 })
    expect({ ...after, [search]: null }).toEqual({ ...before, [search]: null })
    const history = await withAppCore(async (core) => {
      const [connection] = expectOk(await core.invoke('connection/list', {}))
      return expectOk(await core.invoke('policy/history', { clusterId: search, connectionId: connection?.id ?? '' }))
    })
    expect(history.find((h) => h.source === 'local-push')).toMatchObject({ after: { retentionDays: 21 } })
    expect((await cli.run(['plan', file])).code).toBe(0)
  })

  it('asks first: without a terminal it needs --yes, and a "no" applies nothing', async () => {
    const before = remotePolicies()
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    const noTty = await cli.run(['apply', file])
    expect(noTty.code).toBe(1)
    expect(noTty.stderr).toBe('backup-desk: Not on a terminal, so nothing was applied: add --yes to apply without asking.\n')
    cli.answer = false
    expect(await cli.run(['apply', file])).toMatchObject({ code: 1, stderr: 'backup-desk: Nothing was applied.\n' })
    expect(remotePolicies()).toEqual(before)
    cli.answer = true
    expect((await cli.run(['apply', file])).code).toBe(0)
  })

  it('never overwrites a console change made after the export: a conflict, exit 1, the colleague policy kept', async () => {
    const search = clusterId('search-prod')
    const orders = clusterId('orders-prod')
    const file = await exportedFile((doc, at) => {
      doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21)
      doc.setIn(['clusters', at('orders-prod'), 'policy', 'retentionDays'], 14)
    })
    expect((await cli.run(['plan', file])).code).toBe(2)
    const colleague: BackupPolicy = { enabled: true, frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 9 }
    await consoleSetPolicy(search, colleague)
    const result = await cli.run(['apply', '--yes', file])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`CONFLICT  search-prod ${search}`)
    expect(result.stdout).toContain(`applied  orders-prod ${orders}`)
    expect(remotePolicies()[search]).toMatchObject({ frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 9 })
  })

  it('saves --as-drafts as queued drafts without sending anything', async () => {
    const before = remotePolicies()
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    const result = await cli.run(['apply', '--yes', '--as-drafts', file])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('0 applied, 1 queued')
    expect(remotePolicies()).toEqual(before)
  })

  it('saves the file templates by name and assigns the clusters that name them; a second apply changes nothing', async () => {
    const nightly = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '01:00-03:00', retentionDays: 10 }
    const file = cli.file('templates.yaml', [
      'apiVersion: backup-desk/v1',
      'kind: BackupPolicySet',
      'templates:',
      '  nightly: { enabled: true, frequency: "1,2,3,4,5,6,7", startTime: "01:00-03:00", retentionDays: 10 }',
      'clusters:',
      `  - { id: ${clusterId('catalog-staging')}, template: nightly }`,
      `  - { id: ${clusterId('ml-features')}, template: nightly, overrides: { retentionDays: 5 } }`,
      ''
    ].join('\n'))
    expect((await cli.run(['apply', '--yes', file])).code).toBe(0)
    expect(remotePolicies()[clusterId('catalog-staging')]).toMatchObject(nightly)
    expect(remotePolicies()[clusterId('ml-features')]).toMatchObject({ ...nightly, retentionDays: 5 })
    const templates = await withAppCore(async (core) => expectOk(await core.invoke('template/list', {})))
    expect(templates.map((t) => ({ name: t.name, policy: t.policy, assigned: t.assigned.map((a) => a.clusterName).sort() }))).toEqual([
      { name: 'nightly', policy: { ...nightly, crossRegionCopies: [] }, assigned: ['catalog-staging', 'ml-features'] }
    ])
    expect((await cli.run(['apply', '--yes', file])).stdout).toContain('0 applied, 0 queued, 2 unchanged')
  })
})

describe('a bad file changes nothing and says where', () => {
  const header = 'apiVersion: backup-desk/v1\nkind: BackupPolicySet\n'

  async function expectRefused(file: string, plan: RegExp, where: 'stdout' | 'stderr'): Promise<void> {
    const before = remotePolicies()
    const planned = await cli.run(['plan', file])
    expect(planned.code).toBe(1)
    expect(planned[where]).toMatch(plan)
    const applied = await cli.run(['apply', '--yes', file])
    expect(applied.code).toBe(1)
    expect(applied.stderr).toMatch(/nothing was applied\.\n$/)
    expect(remotePolicies()).toEqual(before)
    const drafts = await withAppCore(async (core) => expectOk(await core.invoke('draft/list', {})))
    expect(drafts).toEqual([])
    expect(planned.stderr).not.toMatch(/\n\s+at /)
  }

  it('a file that is not YAML: the line of the syntax error', async () => {
    await expectRefused(cli.file('bad.yaml', `${header}clusters:\n  - id: [unclosed\n`), /^backup-desk: .*bad\.yaml line \d+: /, 'stderr')
  })

  it('an unknown apiVersion: line 1, field apiVersion', async () => {
    await expectRefused(cli.file('v2.yaml', 'apiVersion: backup-desk/v2\nkind: BackupPolicySet\nclusters: []\n'), /v2\.yaml line 1, apiVersion: apiVersion must be backup-desk\/v1\.\n/, 'stderr')
  })

  it('an unknown cluster id: its line and field id', async () => {
    const file = cli.file('unknown.yaml', `${header}clusters:\n  - id: in01-doesnotexist00\n    policy: { enabled: false }\n`)
    await expectRefused(file, /! in01-doesnotexist00 \(line 4, id\): This cluster is not known here/, 'stdout')
  })

  it('an invalid policy: its line and field, the other clusters not applied either', async () => {
    const file = cli.file('invalid.yaml', [
      header.trimEnd(),
      'clusters:',
      `  - id: ${clusterId('search-prod')}`,
      '    policy: { enabled: true, frequency: "1,3", startTime: "02:00-04:00", retentionDays: 21 }',
      `  - id: ${clusterId('orders-prod')}`,
      '    policy:',
      '      enabled: true',
      '      frequency: "1,3"',
      '      startTime: "02:00-04:00"',
      '      retentionDays: 99',
      ''
    ].join('\n'))
    await expectRefused(file, new RegExp(`! orders-prod ${clusterId('orders-prod')} · Production \\(line 11, policy.retentionDays\\): Retention must be between 1 and 30 days\\.`), 'stdout')
  })

  it('a cluster listed twice: both entries invalid, named by the cluster with both lines, nothing applied', async () => {
    const search = clusterId('search-prod')
    const file = cli.file('twice.yaml', `${header}clusters:\n  - id: ${search}\n    policy: { enabled: false }\n  - id: ${search}\n    policy: { enabled: false }\n`)
    await expectRefused(file, new RegExp(`0 to change, 0 unchanged, 0 skipped, 1 invalid\\.[\\s\\S]*! search-prod ${search} · Production \\(line 4, id\\): Cluster ${search} is listed 2 times in this file \\(lines 4 and 6\\)`), 'stdout')
    const planned = await cli.run(['plan', file])
    expect(planned.stdout).not.toContain('~ search-prod')
    expect(planned.stdout).not.toContain('line-')
  })

  it('a YAML syntax error in a 4-line file: its own line, not one past the end', async () => {
    const file = cli.file('unclosed.yaml', `${header}clusters:\n  - id: [unclosed\n`)
    await expectRefused(file, /unclosed\.yaml line 4: /, 'stderr')
  })

  it('a misspelt policy field: named at its own line, with the field it probably means', async () => {
    const file = cli.file('misspelt.yaml', [
      header.trimEnd(),
      'clusters:',
      `  - id: ${clusterId('search-prod')}`,
      '    policy:',
      '      enabled: true',
      '      frequency: "1,3"',
      '      startTime: "02:00-04:00"',
      '      retentionDay: 21',
      ''
    ].join('\n'))
    await expectRefused(file, /\(line 9, policy\.retentionDay\): Unknown field retentionDay \(did you mean retentionDays\?\)\./, 'stdout')
  })

  it('a missing file is one line', async () => {
    expect(await cli.run(['plan', join(cli.dataDir, 'nope.yaml')])).toMatchObject({ code: 1, stderr: `backup-desk: ${join(cli.dataDir, 'nope.yaml')}: no such file.\n` })
  })
})

describe('two connections to one organization (the same cluster ids)', () => {
  it('refuses a file without --connection, naming the option, and applies it to the named connection only', async () => {
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    const admin = await startEmulator({ seed: 'demo', clockMode: 'manual' })
    try {
      expect((await cli.run(['connection', 'add', '--name', 'Demo org admin', '--base-url', admin.url], { stdin: admin.apiKey })).code).toBe(0)
      expect((await cli.run(['sync', '--connection', 'Demo org admin'])).code).toBe(0)
      const before = remotePolicies()
      const search = clusterId('search-prod')
      expect(admin.state().clusters.some((c) => c.clusterId === search)).toBe(true)
      for (const args of [['plan', file], ['apply', '--yes', file]]) {
        const refused = await cli.run(args)
        expect(refused).toMatchObject({ code: 1, stderr: 'backup-desk: Two connections list the same cluster: choose one with --connection NAME|ID.\n' })
      }
      expect((await cli.run(['plan', '--connection', 'Demo org admin', file])).code).toBe(2)
      expect((await cli.run(['apply', '--yes', '--connection', 'Demo org admin', file])).code).toBe(0)
      expect(admin.state().policies.find((p) => p.clusterId === search)).toMatchObject({ retentionDays: 21 })
      expect(remotePolicies()).toEqual(before)
    } finally {
      await admin.close()
    }
  })
})

describe('templates in a policy file', () => {
  const std = (retentionDays: number): string =>
    `templates:\n  std: { enabled: true, frequency: "1,2,3,4,5,6,7", startTime: "01:00-03:00", retentionDays: ${retentionDays} }\n`
  const head = 'apiVersion: backup-desk/v1\nkind: BackupPolicySet\n'
  const names = ['catalog-staging', 'ml-features', 'search-prod']

  async function assignedToStd(): Promise<void> {
    const clusters = names.map((n) => `  - { id: ${clusterId(n)}, template: std }`).join('\n')
    const file = cli.file('std.yaml', `${head}${std(15)}clusters:\n${clusters}\n`)
    expect((await cli.run(['apply', '--yes', file])).code).toBe(0)
  }

  it('plans a replaced template with its fields and the other assigned clusters whose drift moves, and exits 2', async () => {
    await assignedToStd()
    const file = cli.file('std-20.yaml', `${head}${std(20)}clusters:\n  - { id: ${clusterId('search-prod')}, template: std }\n`)
    const result = await cli.run(['plan', file])
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('1 to change, 1 template to save, 0 unchanged')
    expect(result.stdout).toContain('~ template std (replaced)\n    retentionDays: 15 → 20\n')
    expect(result.stdout).toContain(`    drift of catalog-staging ${clusterId('catalog-staging')} (assigned, not in the file): none → retentionDays\n`)
    expect(result.stdout).toContain(`    drift of ml-features ${clusterId('ml-features')} (assigned, not in the file): none → retentionDays\n`)
    expect(result.stdout).not.toContain('drift of search-prod')
  })

  it('counts a file that only changes a template as a change: plan exits 2, apply reports the template replaced', async () => {
    await assignedToStd()
    const file = cli.file('only-std.yaml', `${head}${std(20)}clusters: []\n`)
    const planned = await cli.run(['plan', file])
    expect(planned.code).toBe(2)
    expect(planned.stdout).toMatch(/: 0 to change, 1 template to save, 0 unchanged/)
    const applied = await cli.run(['apply', '--yes', file])
    expect(applied.code).toBe(0)
    expect(applied.stdout).toContain('template std replaced; the drift of 3 other assigned clusters moves\n')
    expect((await cli.run(['plan', file])).code).toBe(0)
  })

  it('lists an unchanged template nowhere and a new one as new', async () => {
    await assignedToStd()
    const same = await cli.run(['plan', cli.file('same.yaml', `${head}${std(15)}clusters: []\n`)])
    expect(same).toMatchObject({ code: 0 })
    expect(same.stdout).not.toContain('template std')
    const added = await cli.run(['plan', cli.file('new.yaml', `${head}${std(15).replace('std:', 'weekly:')}clusters: []\n`)])
    expect(added.code).toBe(2)
    expect(added.stdout).toContain('+ template weekly (new)\n    enabled: true\n')
  })
})

describe('a cluster held back by an open draft', () => {
  it('after a conflict, plan shows what still differs and exits 1, apply exits 1, and both say where to resolve it', async () => {
    const search = clusterId('search-prod')
    const file = await exportedFile((doc, at) => doc.setIn(['clusters', at('search-prod'), 'policy', 'retentionDays'], 21))
    await consoleSetPolicy(search, { enabled: true, frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 9 })
    const conflicted = await cli.run(['apply', '--yes', file])
    expect(conflicted.code).toBe(1)
    expect(conflicted.stdout).toContain("push or discard it in the app's Drafts view (the command line has no drafts command)")
    const planned = await cli.run(['plan', file])
    expect(planned.code).toBe(1)
    expect(planned.stdout).toMatch(/0 to change, 4 unchanged, 1 skipped, 0 invalid\. 1 skipped differs from the file: not in sync\./)
    expect(planned.stdout).toMatch(new RegExp(`- search-prod ${search} · Production \\(line \\d+\\): skipped, A draft is already open for this cluster[^\\n]*Drafts view[^\\n]*\\n    [\\s\\S]*retentionDays: \\d+ → 21\\n`))
    const applied = await cli.run(['apply', '--yes', file])
    expect(applied.code).toBe(1)
    expect(applied.stderr).toContain('1 skipped cluster still differs from the file (see above): not in sync.')
  })
})

describe('a file planned against the wrong organization', () => {
  it('names the connection that lists the cluster and the --connection to run with', async () => {
    const file = await exportedFile()
    const other = await startEmulator({ seed: 'empty', clockMode: 'manual' })
    try {
      expect((await cli.run(['connection', 'add', '--name', 'Org B', '--base-url', other.url], { stdin: other.apiKey })).code).toBe(0)
      const result = await cli.run(['plan', '--connection', 'Org B', file])
      expect(result.code).toBe(1)
      const search = clusterId('search-prod')
      expect(result.stdout).toContain(`! ${search} (line `)
      expect(result.stdout).toContain(`${search} is in Demo org, not Org B: run with --connection "Demo org"`)
      expect(result.stdout).not.toContain('not known here')
    } finally {
      await other.close()
    }
  })
})
