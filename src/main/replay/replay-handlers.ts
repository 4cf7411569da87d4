import { StudioError } from '../../shared/api/result.js';
import type { replayChannels } from '../../shared/api/contract/replay.js';
import type { Handlers } from '../api/dispatcher.js';
import type { ReplayService } from './replay-service.js';

/** Shows the desktop app's folder picker; null when the host cancels. */
export type PickFolder = (title: string) => Promise<string | null>;

/** The replay requests (host only, src/shared/api/contract/roles.ts). */
export function replayHandlers(replays: ReplayService, pickFolder: PickFolder | null): Pick<Handlers, keyof typeof replayChannels> {
  return {
    listReplays: () => replays.list(),
    publishReplay: (input) => replays.publish(input),
    // The picker opens on this computer's screen: only for the desktop window, never for a browser elsewhere.
    pickReplayFolder: async (_input, context) => {
      if (context.transport !== 'ipc' || pickFolder === null) {
        throw new StudioError('conflict', 'Choosing a folder works in the desktop app. Type the folder path instead.');
      }
      return { folder: await pickFolder('Where should the replay folder go?') };
    },
  };
}
