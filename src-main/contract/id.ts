import { z } from 'zod'
import { ID_MAX_LENGTH, ID_PATTERN } from './limits.ts'

/** An identifier taken from input; see ID_PATTERN in limits.ts for why it is this strict. */
export const idSchema = z
  .string()
  .min(1, 'Give an ID.')
  .max(ID_MAX_LENGTH, `An ID has at most ${String(ID_MAX_LENGTH)} characters.`)
  .regex(ID_PATTERN, 'An ID has only letters, digits, "_" and "-".')
