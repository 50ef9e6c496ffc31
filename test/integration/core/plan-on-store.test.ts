import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { FILE_TEXT_MAX } from '#contract/limits'
import type { Plan } from '#contract/models/plan'
import { systemClock } from '#core/lib/clock'
import { openStore, type OpenedStore } from '#core/open-store'
import { planPolicyFileOnStore } from '#core/policy-files/plan-on-store'
import { expectOk } from '../../fakes/envelope.ts'
import { startSyncedDemo, stopSyncedDemo, type SyncedDemo } from '../../fakes/core-emulator.ts'

/*
 * `backup-desk plan` composes only the store and the plan engine's builder (core/policy-files/plan-on-store.ts).
 * It must answer every file exactly as the whole core's policy/import-plan with `store: false` does.
 */

let demo: SyncedDemo
let store: OpenedStore
let logged: string[]

beforeEach(async () => {
  demo = await startSyncedDemo()
  logged = []
  store = openStore({ dataDir: demo.core.dataDir, clock: systemClock, logSink: (line) => logged.push(line) })
})

afterEach(async () => {
  store.db.close()
  await stopSyncedDemo(demo)
})

/** The plan without what differs between two builds of the same plan. */
function comparable(plan: Plan | null): Omit<Plan, 'id' | 'createdAt'> | null {
  if (plan === null) return null
  const { id: _id, createdAt: _createdAt, ...rest } = plan
  return rest
}

function storedPlans(): unknown {
  return demo.core.db.sqlite.prepare('SELECT COUNT(*) AS n FROM plans').get()
}

async function exported(): Promise<string> {
  return expectOk(await demo.core.invoke('policy/export', { format: 'yaml' })).content
}

async function bothAnswers(text: string): Promise<[unknown, unknown]> {
  const whole = expectOk(await demo.core.invoke('policy/import-plan', { text, store: false }))
  const alone = expectOk(await planPolicyFileOnStore(store, text, () => systemClock.now()))
  return [
    { plan: comparable(whole.plan), problems: whole.problems },
    { plan: comparable(alone.plan), problems: alone.problems }
  ]
}

describe('a policy file planned on the store alone', () => {
  it('gives the whole core\'s plan for an edit, an unknown cluster and an invalid entry, and stores nothing', async () => {
    const doc = parseDocument(await exported())
    doc.setIn(['clusters', 0, 'policy', 'retentionDays'], 21)
    doc.setIn(['clusters', 1, 'policy', 'startTime'], '25:00-26:00')
    doc.addIn(['clusters'], { id: 'in01-notinthisfleet', policy: { enabled: false } })
    const before = storedPlans()
    const [whole, alone] = await bothAnswers(doc.toString())
    expect(alone).toEqual(whole)
    const verdicts = (alone as { plan: Plan }).plan.items.map((item) => item.verdict)
    expect(verdicts).toEqual(expect.arrayContaining(['change', 'invalid', 'same']))
    expect(storedPlans()).toEqual(before)
  })

  it('names the same lines and fields as the whole core for a file that cannot be read', async () => {
    const text = (await exported()).replace('apiVersion: backup-desk/v1', 'apiVersion: backup-desk/v9')
    const [whole, alone] = await bothAnswers(text)
    expect(alone).toEqual(whole)
    expect(alone).toMatchObject({ plan: null, problems: [{ line: 4, field: 'apiVersion' }] })
  })

  it('refuses a text over the contract\'s limit as input/invalid naming the field, never echoing it', async () => {
    const text = `# ${'x'.repeat(FILE_TEXT_MAX)}`
    const answer = await planPolicyFileOnStore(store, text, () => systemClock.now())
    expect(answer).toEqual({
      ok: false,
      error: { name: 'CoreError', code: 'input/invalid', message: 'Invalid input for policy/import-plan (field "text"): Too big: expected string to have <=20000000 characters.', details: { field: 'text' } }
    })
    expect(logged).toEqual([])
  })
})
