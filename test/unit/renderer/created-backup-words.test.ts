import { describe, expect, it } from 'vitest'
import { createdBackupFollowUp } from '../../../src-renderer/lib/services/created-backup-words.ts'

describe('what a started backup tells the admin to follow', () => {
  it('points at Jobs when Zilliz Cloud answered with a job', () => {
    expect(createdBackupFollowUp({ jobId: 'job-1' })).toBe('Follow its progress in Jobs.')
  })

  it('does not point at Jobs when the answer was lost and the backup was found in the list: there is no job', () => {
    const words = createdBackupFollowUp({ jobId: '' })
    expect(words).not.toContain('Jobs')
    expect(words).toContain('shows in Backups with the next sync')
  })
})
