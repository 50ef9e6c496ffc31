import { describe, expect, it } from 'vitest'
import { EMULATOR_USAGE, parseEmulatorArgs } from '#emulator/cli-options'

describe("the emulator's command line", () => {
  it('asks for help with --help or -h, and the help names every option it accepts', () => {
    expect(parseEmulatorArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseEmulatorArgs(['--seed', 'empty', '-h'])).toEqual({ kind: 'help' })
    for (const option of ['--port', '--api-key', '--seed', '--latency-ms', '--rate-limit', '--state-file', '--help']) expect(EMULATOR_USAGE).toContain(option)
  })

  it('runs on port 4010 with the demo seed and a random key when given nothing', () => {
    expect(parseEmulatorArgs([])).toEqual({
      kind: 'run',
      options: { port: 4010, apiKey: undefined, seed: 'demo', latencyMs: undefined, rateLimit: undefined, stateFile: undefined }
    })
  })

  it('takes every option it is given, and a rate limit of 0 as 1 request per second', () => {
    expect(
      parseEmulatorArgs(['--port', '0', '--api-key', 'k', '--seed', 'large:10:5', '--latency-ms', '25', '--rate-limit', '0', '--state-file', '/tmp/w.json'])
    ).toEqual({ kind: 'run', options: { port: 0, apiKey: 'k', seed: 'large:10:5', latencyMs: 25, rateLimit: 1, stateFile: '/tmp/w.json' } })
  })

  it.each([
    [['--prot', '80'], "Unknown option '--prot' (add --help for usage)"],
    [['--port'], "Option '--port <value>' argument missing (add --help for usage)"],
    [['serve'], "Unexpected argument 'serve' (add --help for usage)"],
    [['--port', 'abc'], '--port needs a non-negative integer, got "abc".'],
    [['--latency-ms=-5'], '--latency-ms needs a non-negative integer, got "-5".'],
    [['--port', '70000'], '--port must be between 0 and 65535, got "70000".']
  ])('refuses %j with one line that says what is wrong', (args, message) => {
    expect(parseEmulatorArgs(args)).toEqual({ kind: 'error', message })
  })
})
