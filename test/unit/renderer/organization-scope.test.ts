import { describe, expect, it } from 'vitest'
import type { OrganizationRef } from '#contract/models/organization'
import { isInScope, readScope, scoped, writeScope } from '../../../src-renderer/lib/organization/organization-scope.ts'

const demo: OrganizationRef = { connectionId: 'c-demo', name: 'Demo', tag: null }
const other: OrganizationRef = { connectionId: 'c-other', name: 'Other', tag: { label: 'prod', color: 'red' } }

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>()
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) }
}

describe('the organization scope of Drafts, Notifications and Timeline', () => {
  it('defaults to this organization and remembers each screen\'s choice on its own', () => {
    const storage = memoryStorage()
    expect(readScope('drafts', storage)).toBe('this')
    writeScope('drafts', 'all', storage)
    expect(readScope('drafts', storage)).toBe('all')
    expect(readScope('notifications', storage)).toBe('this')
  })

  it('"this organization" keeps only the active organization\'s items and counts the hidden ones', () => {
    const items = [{ org: demo }, { org: other }, { org: other }, { org: undefined }]
    const result = scoped(items, (i) => i.org, 'this', 'c-demo')
    expect(result.shown).toEqual([{ org: demo }])
    expect(result.hidden).toBe(3)
  })

  it('"all organizations", or no active organization at all, shows everything', () => {
    expect(isInScope(other, 'all', 'c-demo')).toBe(true)
    expect(isInScope(undefined, 'this', null)).toBe(true)
  })

  it('items that belong everywhere (a digest, a detached draft) show under "this organization" too', () => {
    const items = [{ org: other, everywhere: false }, { org: undefined, everywhere: true }]
    const result = scoped(items, (i) => i.org, 'this', 'c-demo', (i) => i.everywhere)
    expect(result.shown).toEqual([{ org: undefined, everywhere: true }])
    expect(result.hidden).toBe(1)
  })
})
