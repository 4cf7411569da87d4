import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../shared/api/contract/index.js';
import { forwardEventsTo, registerIpcHandlers } from './ipc-adapter.js';
import { createMainWindow } from './main-window.js';
import { StudioEventBus } from '../core/event-bus.js';

/** Stands in for Electron's ipcMain (the Electron binary cannot run here): records handle() calls. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>();
  return {
    handlers,
    handle: (channel: string, listener: (event: IpcMainInvokeEvent, input: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

const eventFrom = (url: string) => ({ senderFrame: { url }, sender: { id: 4 } }) as unknown as IpcMainInvokeEvent;

describe('IPC adapter', () => {
  it('registers every contract channel once and removes them again', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcHandlers(ipc, vi.fn());
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(contract).map((c) => c.channel).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('forwards calls from the app window to the dispatcher with an ipc context', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    registerIpcHandlers(ipc, dispatch);
    const result = await ipc.handlers.get('studio:settings:get')!(eventFrom('app://studio/index.html'), undefined);
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(dispatch).toHaveBeenCalledWith('studio:settings:get', undefined, { transport: 'ipc', clientId: 'window-4' });
  });

  it('refuses calls from any other frame without dispatching', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn();
    registerIpcHandlers(ipc, dispatch);
    for (const url of ['https://evil.example/', 'http://127.0.0.1:4780/', '']) {
      const result = await ipc.handlers.get('studio:settings:update')!(eventFrom(url), { hostName: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('sends main-process events to the window until it is destroyed', () => {
    const bus = new StudioEventBus();
    let destroyed = false;
    const send = vi.fn();
    forwardEventsTo({ send, isDestroyed: () => destroyed }, bus);
    bus.emit('settingsChanged', { hostName: 'A', controlServer: { enabled: true, allowLan: false, port: 4780, producersMayGoLive: false }, sfu: { url: '', room: 'shop-test', port: 4781, allowLan: false }, obs: { address: 'ws://127.0.0.1:4455', autoConnect: false, overlayScene: null }, selling: { autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: null }, backups: { keep: 10 } });
    destroyed = true;
    bus.emit('settingsChanged', { hostName: 'B', controlServer: { enabled: true, allowLan: false, port: 4780, producersMayGoLive: false }, sfu: { url: '', room: 'shop-test', port: 4781, allowLan: false }, obs: { address: 'ws://127.0.0.1:4455', autoConnect: false, overlayScene: null }, selling: { autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: null }, backups: { keep: 10 } });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('studio:event:settings-changed', expect.objectContaining({ hostName: 'A' }));
  });
});

describe('studio window', () => {
  it('keeps the renderer isolated and sandboxed', () => {
    /** Stands in for Electron's BrowserWindow: records the options it is built with. */
    const built: BrowserWindowConstructorOptions[] = [];
    class FakeBrowserWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        built.push(options);
      }
      once() {}
      loadURL() {
        return Promise.resolve();
      }
    }
    createMainWindow(FakeBrowserWindow as unknown as typeof BrowserWindow, '/app', '/app/resources');
    const prefs = built[0]!.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
  });
});
