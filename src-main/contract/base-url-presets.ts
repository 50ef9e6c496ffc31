/**
 * Zilliz Cloud's two public control planes (docs/zilliz-api-notes.md#base-url); v2 has no per-region hosts.
 * Zod-free, so the renderer's connection form offers the same addresses the core knows.
 */
export const BASE_URL_PRESETS = {
  global: 'https://api.cloud.zilliz.com',
  china: 'https://api.cloud.zilliz.com.cn'
} as const
