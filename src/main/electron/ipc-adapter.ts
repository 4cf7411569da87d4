import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { contract } from '../../shared/api/contract/index.js';
import { fail } from '../../shared/api/result.js';
import type { Dispatch } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { isAppUrl } from './security-policy.js';

/**
 * Registers one `ipcMain.handle` per contract channel. Calls from any frame
 * that is not the app's own UI are refused before validation; the
 * dispatcher validates the input with the channel's zod schema.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  const channels = Object.values(contract).map((c) => c.channel);
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isAppUrl(event.senderFrame?.url)) {
        return fail('unauthorized', 'This request did not come from the studio window.');
      }
      return dispatch(channel, input, { transport: 'ipc', clientId: windowClientId(event.sender) });
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** How the dispatcher names a window's calls (one id per web contents, kept across reloads). */
export const windowClientId = (webContents: Pick<WebContents, 'id'>): string => `window-${webContents.id}`;

/**
 * Tells main when a window's page is gone without letting go of what it held
 * (the show it was publishing): its renderer crashed or the window was
 * destroyed. A producer console may then go live without taking over.
 */
export function onWindowGone(
  webContents: Pick<WebContents, 'id'> & { on(event: 'render-process-gone' | 'destroyed', listener: () => void): unknown },
  gone: (clientId: string) => void,
): void {
  const clientId = windowClientId(webContents);
  webContents.on('render-process-gone', () => gone(clientId));
  webContents.on('destroyed', () => gone(clientId));
}

/** Forwards main-process events to a window. */
export function forwardEventsTo(webContents: Pick<WebContents, 'send' | 'isDestroyed'>, events: StudioEventBus): () => void {
  return events.subscribe((channel, payload) => {
    if (!webContents.isDestroyed()) webContents.send(channel, payload);
  });
}
