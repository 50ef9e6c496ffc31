/** Every event name, free of zod so that the renderer can check names without the schemas. */
export const EVENT_NAMES = [
  'sync/progressed',
  'sync/finished',
  'notification/raised',
  'draft/state-changed',
  'job/updated',
  'plan/progressed'
] as const

export type EventNameLiteral = (typeof EVENT_NAMES)[number]

export function isEventName(name: string): name is EventNameLiteral {
  return (EVENT_NAMES as readonly string[]).includes(name)
}
