import { homedir } from 'node:os'
import { join } from 'node:path'

const APP_FOLDER = 'backup-desk'

/**
 * Where data lives when neither `--data-dir` nor `BACKUP_DESK_DATA_DIR` says otherwise: the same
 * folder Electron's `app.getPath('userData')` gives, so the desktop app and the browser host share it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER)
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.BACKUP_DESK_DATA_DIR ?? defaultDataDir(env)
}
