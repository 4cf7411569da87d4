/**
 * Preload (sandboxed, isolated world): exposes `window.studio`, the typed
 * API built from the contract. The page never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
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
