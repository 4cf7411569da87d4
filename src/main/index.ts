/**
 * Electron entry: wires the app's lifecycle to the studio core. Runs only
 * inside Electron; everything it starts is tested in plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, desktopCapturer, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { seedDemoStudio } from './demo/demo-studio.js';
import { installLastResortHandlers } from './core/last-resort.js';
import { limitRepeatedConsoleLines } from './core/log-limits.js';
import { startStudioCore, type StudioCore } from './core/studio-core.js';
import { publisherClientKey } from './live/one-publisher.js';
import { createAppProtocolHandler } from './electron/app-protocol.js';
import { forwardEventsTo, onWindowGone, registerIpcHandlers } from './electron/ipc-adapter.js';
import { keychainSecretStore } from './electron/keychain-secret-store.js';
import { createMainWindow } from './electron/main-window.js';
import { APP_SCHEME, isExternalLinkAllowed } from './electron/security-policy.js';
import { applyDisplayMediaPolicy, applyNavigationPolicy, applyPermissionPolicy } from './electron/wire-security.js';

const distElectronDir = import.meta.dirname;
const rendererDir = path.join(distElectronDir, '../dist/renderer');
// The SFU's own default (next to its source) does not exist in the bundle: point it at the built watch page.
const viewerDir = path.join(distElectronDir, '../dist/viewer');
// The replay page every published replay folder gets (built by `npm run build` with the watch page).
const replayPageDir = path.join(distElectronDir, '../dist/replay');
const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(distElectronDir, '../resources');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) app.quit();

/** In development, SQLite's Electron build lives in native/ (scripts/prepare-electron-sqlite.ts). */
function electronSqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = path.join(distElectronDir, '..', 'native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}

let core: StudioCore | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  applyNavigationPolicy(app, shell);
  applyPermissionPolicy(session.defaultSession);
  applyDisplayMediaPolicy(session.defaultSession, desktopCapturer);
  core = await startStudioCore({
    // A restore from Settings: quit (closing the database) and start again, which finishes the restore.
    restart: () => {
      app.relaunch();
      app.quit();
    },
    dataDir: app.getPath('userData'),
    // Tokens and passwords are encrypted by the OS keychain (moved out of the database on the first start).
    secrets: keychainSecretStore(safeStorage, app.getPath('userData')),
    rendererDir,
    embeddedSfu: { viewerDir },
    replayPageDir,
    ...(electronSqliteBinding() ? { sqliteNativeBinding: electronSqliteBinding()! } : {}),
    platform: {
      runtime: 'electron',
      openExternal: async (url) => {
        if (!isExternalLinkAllowed(url)) return false;
        await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: https only, checked on the line above
        return true;
      },
      // "Publish replay" → Choose folder…: the system's picker, over the studio window.
      pickFolder: async (title) => {
        const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
        const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      // A recording's folder (always inside the data folder: main names it from the database, never from the caller).
      showFolder: async (folder) => (await shell.openPath(folder)) === '',
    },
  });
  await seedDemoStudio(core, path.join(resourcesDir, 'demo', 'demo-catalog.csv'));
  const studioCore = core;
  // The renderer publishes to the SFU in use (built-in or remote): allow exactly its address.
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, () => studioCore.live.connectSources(), studioCore.pictures.files.dir));
  registerIpcHandlers(ipcMain, core.dispatch);
  mainWindow = createMainWindow(BrowserWindow, distElectronDir, resourcesDir);
  forwardEventsTo(mainWindow.webContents, core.events);
  // A window that crashed or closed while live lets go of the show (a producer console may go live).
  onWindowGone(mainWindow.webContents, (clientId) => studioCore.live.clientGone(publisherClientKey('ipc', clientId)));
  mainWindow.on('closed', () => (mainWindow = null));
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  void core.close().finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  // Once the studio runs, an error nobody handled is logged instead of ending the show.
  .then(() => installLastResortHandlers({ name: 'studio' }))
  // A flood of bad requests is summarized in the log instead of filling the disk.
  .then(() => limitRepeatedConsoleLines())
  .catch((error: unknown) => {
    dialog.showErrorBox('Live Seller Studio could not start', (error as Error).message ?? String(error));
    app.exit(1);
  });
