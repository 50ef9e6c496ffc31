import { appendFileSync } from 'node:fs'

type LogLevel = 'debug' | 'info' | 'warn' | 'error'
type LogFields = Record<string, string | number | boolean | null | undefined>

export type Logger = {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export type LogSink = (line: string) => void

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/**
 * Structured JSON-lines logger. Callers pass fields, never whole objects, so that a secret can only
 * reach a log if someone names it explicitly.
 */
export function createLogger(options: {
  sink: LogSink
  minLevel?: LogLevel
  now?: () => number
}): Logger {
  const min = LEVEL_ORDER[options.minLevel ?? 'info']
  const now = options.now ?? Date.now
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < min) return
    options.sink(JSON.stringify({ t: new Date(now()).toISOString(), level, message, ...fields }))
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f)
  }
}

export function fileSink(path: string): LogSink {
  return (line) => appendFileSync(path, line + '\n')
}

export const silentLogger: Logger = createLogger({ sink: () => undefined })
