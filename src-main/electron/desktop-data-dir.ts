/**
 * Where the data lives (architecture.md): `--data-dir <dir>` or `--data-dir=<dir>`, else
 * `BACKUP_DESK_DATA_DIR`, else Electron's `userData` folder. Empty values count as absent.
 */
export function desktopDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: () => string
): string {
  const fromArgs = dataDirArgument(argv)
  if (fromArgs !== undefined) return fromArgs
  const fromEnv = env['BACKUP_DESK_DATA_DIR']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  return userDataDir()
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
