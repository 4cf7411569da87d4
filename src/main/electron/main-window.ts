import path from 'node:path';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { APP_ENTRY_URL } from './security-policy.js';

/**
 * The one studio window. Its locked-down settings are written inline in
 * `new BrowserWindow({...})` so the security scan (scripts/security-scan.ts)
 * reads the real ones; ipc-adapter.test.ts checks them too.
 */
export function createMainWindow(
  BrowserWindow: typeof BrowserWindowType,
  distElectronDir: string,
  resourcesDir: string,
): BrowserWindowType {
  // Middle-click (auxclick) needs no Blink switch: every new window, however opened, is denied in wire-security.ts.
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Live Seller Studio',
    backgroundColor: '#111318',
    icon: path.join(resourcesDir, 'icon.png'),
    show: false,
    webPreferences: {
      preload: path.join(distElectronDir, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK: exposes only the contract's calls (src/preload)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      backgroundThrottling: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
