import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMainInvokeEvent } from 'electron';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../shared/api/contract/index.js';
import type { PublisherClaim, PublisherState } from '../../shared/domain/live.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { publisherClientKey } from '../live/one-publisher.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { forwardEventsTo, onWindowGone, registerIpcHandlers } from './ipc-adapter.js';
import { createMainWindow } from './main-window.js';
import { StudioEventBus } from '../events/event-bus.js';

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
    bus.emit('settingsChanged', { ...defaultSettings(), hostName: 'A' });
    destroyed = true;
    bus.emit('settingsChanged', { ...defaultSettings(), hostName: 'B' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('studio:event:settings-changed', expect.objectContaining({ hostName: 'A' }));
  });
});

describe('the desktop window on the real studio core', () => {
  let s: TestStudio | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  /** What the window's page would get from `ipcRenderer.invoke`. */
  const invoke = <T>(ipc: ReturnType<typeof fakeIpcMain>, channel: string, input?: unknown, sender = 7) =>
    ipc.handlers.get(channel)!({ senderFrame: { url: 'app://studio/index.html' }, sender: { id: sender } } as unknown as IpcMainInvokeEvent, input) as Promise<
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
    >;

  it('is the host: it may read the team links, which a producer link may not', async () => {
    s = await startTestStudio(tempDir());
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc, s.core.dispatch);
    expect(await invoke(ipc, 'studio:control-server:status')).toMatchObject({ ok: true });
    const producer = await s.core.dispatch('studio:control-server:status', undefined, { transport: 'control', clientId: 'control-2', role: 'producer' });
    expect(producer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('publishes alone, and a crashed or closed window lets go of the show', async () => {
    s = await startTestStudio(tempDir());
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc, s.core.dispatch);
    const studio = s;
    const webContents = Object.assign(new EventEmitter(), { id: 7 });
    onWindowGone(webContents, (clientId) => studio.core.live.clientGone(publisherClientKey('ipc', clientId)));
    const browser = { transport: 'control', clientId: 'control-3', role: 'host' } as const;

    const claim = await invoke<PublisherClaim>(ipc, 'studio:live:claim-publishing', { takeOver: false });
    expect(claim).toMatchObject({ ok: true, value: { state: { current: { where: 'the desktop window' } } } });
    // A second window of the same app, and a browser, are refused while it publishes.
    expect(await invoke(ipc, 'studio:live:claim-publishing', { takeOver: false }, 8)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await s.core.dispatch('studio:live:claim-publishing', { takeOver: false }, browser)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Its renderer crashes without a word: nobody holds the show, and the browser may go live without taking over.
    webContents.emit('render-process-gone');
    await until(() => studio.core.live.publisher().current, (current) => current === null, 'the show let go');
    expect(await s.core.dispatch('studio:live:claim-publishing', { takeOver: false }, browser)).toMatchObject({ ok: true });

    // The browser publishes now; the window (reloaded, same web contents) is refused until it takes over.
    const again = await invoke<PublisherState>(ipc, 'studio:live:claim-publishing', { takeOver: false });
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringContaining('live from a browser') } });
    expect(await invoke(ipc, 'studio:live:claim-publishing', { takeOver: true })).toMatchObject({ ok: true });
    // Closing the window lets go again.
    webContents.emit('destroyed');
    await until(() => studio.core.live.publisher().current, (current) => current === null, 'the show let go on close');
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
