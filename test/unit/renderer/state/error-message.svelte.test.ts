import { describe, expect, it } from 'vitest'
import { errorMessage } from '../../../../src-renderer/lib/ui/handle-error.ts'

describe('the plain words an error is shown in', () => {
  it("shows what the core says is busy and when to try again, not a generic 'another operation'", () => {
    const message = 'An earlier backup request for this cluster got no answer and no backup from it has appeared yet. Backup Desk checks again before sending another; try again at 12:31.'
    expect(errorMessage({ code: 'busy', message })).toBe(message)
  })

  it('claims no cached data when Zilliz Cloud cannot be reached: actions have none to show', () => {
    expect(errorMessage({ code: 'api/unreachable', message: 'connect ECONNREFUSED' })).toBe('Zilliz Cloud cannot be reached. Check the network and try again.')
  })
})
