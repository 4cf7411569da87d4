import path from 'node:path';
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './security-policy.js';

/** The locked-down settings of the studio window. Tests read these. */
export function studioWindowOptions(preloadPath: string, iconPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Live Seller Studio',
    backgroundColor: '#111318',
    icon: iconPath,
    show: false,
    webPreferences: {
      preload: preloadPath,
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
  };
}

export function createMainWindow(
  BrowserWindow: typeof BrowserWindowType,
  distElectronDir: string,
  resourcesDir: string,
): BrowserWindowType {
  const window = new BrowserWindow(
    studioWindowOptions(path.join(distElectronDir, 'preload.cjs'), path.join(resourcesDir, 'icon.png')),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
