/**
 * What to follow once a create-backup request succeeded. With a job id the Jobs panel tracks it. Without one, the
 * request's answer was lost and the core found the backup it made in the cluster's backup list
 * (docs/reliability.md#r25): there is no job to follow, and the backup shows with the next sync.
 */
export function createdBackupFollowUp(result: { jobId: string }): string {
  return result.jobId === ''
    ? "Zilliz Cloud's answer was lost on the way, but it lists the backup: it shows in Backups with the next sync (there is no job to follow)."
    : 'Follow its progress in Jobs.'
}
