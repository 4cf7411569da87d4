import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Live Seller Studio';

/**
 * The same folder Electron's app.getPath('userData') gives the desktop app,
 * so `npm run web` and the desktop app share one catalog and settings.
 * LSS_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LSS_DATA_DIR) return path.resolve(env.LSS_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
