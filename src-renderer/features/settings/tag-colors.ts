import type { ConnectionTag } from '#contract/models/connection'

export const TAG_COLORS: readonly { value: ConnectionTag['color']; label: string }[] = [
  { value: 'gray', label: 'Gray' },
  { value: 'blue', label: 'Blue' },
  { value: 'green', label: 'Green' },
  { value: 'amber', label: 'Amber' },
  { value: 'red', label: 'Red' },
  { value: 'purple', label: 'Purple' }
]
