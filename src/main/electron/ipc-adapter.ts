import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { contract } from '../../shared/api/contract/index.js';
import { fail } from '../../shared/api/result.js';
import type { Dispatch } from '../api/dispatcher.js';
import type { StudioEventBus } from '../core/event-bus.js';
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
      return dispatch(channel, input, { transport: 'ipc', clientId: `window-${event.sender.id}` });
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Forwards main-process events to a window. */
export function forwardEventsTo(webContents: Pick<WebContents, 'send' | 'isDestroyed'>, events: StudioEventBus): () => void {
  return events.subscribe((channel, payload) => {
    if (!webContents.isDestroyed()) webContents.send(channel, payload);
  });
}
