import { describe, expect, it } from 'vitest'
import { HOST_USAGE, parseHostArgs } from '#host/host-options'

describe("the browser host's command line", () => {
  it('asks for help with --help or -h, and the help names every option it accepts', () => {
    expect(parseHostArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseHostArgs(['--demo', '-h'])).toEqual({ kind: 'help' })
    for (const option of ['--port', '--token', '--data-dir', '--demo', '--no-build', '--help']) expect(HOST_USAGE).toContain(option)
  })

  it('runs with any free port, a new token and the default data folder when given nothing', () => {
    expect(parseHostArgs([])).toEqual({ kind: 'run', options: { port: 0, token: undefined, dataDir: undefined, demo: false } })
  })

  it('takes the port, token, data folder and demo it is given', () => {
    expect(parseHostArgs(['--port', '5710', '--token', 't0k', '--data-dir', '/tmp/d', '--demo'])).toEqual({
      kind: 'run',
      options: { port: 5710, token: 't0k', dataDir: '/tmp/d', demo: true }
    })
  })

  it.each([
    [['--prot', '80'], "Unknown option '--prot' (add --help for usage)"],
    [['--port'], "Option '--port <value>' argument missing (add --help for usage)"],
    [['serve'], "Unexpected argument 'serve' (add --help for usage)"],
    [['--port', '70000'], '--port must be a whole number between 0 and 65535, not "70000".'],
    [['--port', 'abc'], '--port must be a whole number between 0 and 65535, not "abc".'],
    [['--port', ''], '--port must be a whole number between 0 and 65535, not "".']
  ])('refuses %j with one line that says what is wrong', (args, message) => {
    expect(parseHostArgs(args)).toEqual({ kind: 'error', message })
  })
})
