import { resolveDataDir } from '#core/lib/data-dir'

/** `--data-dir <dir>` or `--data-dir=<dir>` from Electron's argv, then the core's one rule (resolveDataDir). */
export function desktopDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: () => string
): string {
  return resolveDataDir(dataDirArgument(argv), env, userDataDir)
}

function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--data-dir') {
      const next = argv[i + 1]
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : undefined
    }
    if (arg?.startsWith('--data-dir=') === true) {
      const value = arg.slice('--data-dir='.length)
      return value === '' ? undefined : value
    }
  }
  return undefined
}
