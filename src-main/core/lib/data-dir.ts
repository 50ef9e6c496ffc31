import { homedir } from 'node:os'
import { join } from 'node:path'

const APP_FOLDER = 'backup-desk'

/**
 * Where data lives when neither `--data-dir` nor `BACKUP_DESK_DATA_DIR` says otherwise: the same
 * folder Electron's `app.getPath('userData')` gives, so the desktop app and the browser host share it.
 */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_FOLDER)
}

/**
 * The one data-directory rule, shared by the browser host, the CLI and the Electron shell (README.md, "Scripts"):
 * the `--data-dir` value, else `BACKUP_DESK_DATA_DIR`, else `fallback` (Electron passes its `userData`).
 * Empty values count as absent, so `BACKUP_DESK_DATA_DIR=` never means the current folder.
 */
export function resolveDataDir(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  fallback: () => string = () => defaultDataDir(env)
): string {
  if (flag !== undefined && flag !== '') return flag
  const fromEnv = env['BACKUP_DESK_DATA_DIR']
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : fallback()
}
