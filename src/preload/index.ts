/**
 * Preload (sandboxed, isolated world): exposes `window.studio`, the typed
 * API built from the contract. The page never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createStudioClient } from '../shared/api/client.js';
import { eventChannels } from '../shared/api/contract/index.js';
import type { Result } from '../shared/api/result.js';

const allowedEvents = new Set(eventChannels);

const studio = createStudioClient({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe: (channel, listener) => {
    if (!allowedEvents.has(channel)) throw new Error(`Unknown event ${channel}`);
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld('studio', studio);

/**
 * Files the host picks in the window (catalog imports) are read by main from
 * their path; in a browser they are uploaded to the control server instead.
 */
contextBridge.exposeInMainWorld('studioFiles', {
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
