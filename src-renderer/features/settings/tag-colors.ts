import type { ConnectionTag } from '#contract/models/connection'

export const TAG_COLORS: readonly { value: ConnectionTag['color']; label: string }[] = [
  { value: 'gray', label: 'Gray' },
  { value: 'blue', label: 'Blue' },
  { value: 'green', label: 'Green' },
  { value: 'amber', label: 'Amber' },
  { value: 'red', label: 'Red' },
  { value: 'purple', label: 'Purple' }
]

/** The API's two regions (same values as BASE_URL_PRESETS in the contract, which would pull zod into the bundle). */
export const BASE_URL_PRESETS = {
  global: 'https://api.cloud.zilliz.com',
  china: 'https://api.cloud.zilliz.com.cn'
} as const
