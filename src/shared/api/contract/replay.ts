import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { ReplayList } from '../../domain/replay.js';

const id = z.number().int().positive();

export const replayChannels = {
  /** Finished recordings with their replay (published where, its link, a publish in progress). */
  listReplays: defineChannel<ReplayList>()('studio:replay:list', z.undefined()),
  /**
   * Publishes a finished recording as a shoppable replay: a folder named
   * after the show inside `folder` (default: the data folder's replays/,
   * which the built-in SFU serves). Answers at once; progress and the
   * outcome come as `replaysChanged`. Publishing again replaces the folder.
   */
  publishReplay: defineChannel<ReplayList>()(
    'studio:replay:publish',
    z
      .object({
        recordingId: id,
        /** Put the approved chat beside the video. */
        includeChat: z.boolean().default(false),
        /** Where to put the replay's folder (an absolute path on the studio's computer); null: the default. */
        folder: z
          .string()
          .trim()
          .max(1000, 'That folder path is too long.')
          .nullable()
          .default(null)
          .transform((f) => (f === '' ? null : f)),
      })
      .strict(),
  ),
  /** The desktop app's folder picker (null: cancelled). A browser types the path instead. */
  pickReplayFolder: defineChannel<{ folder: string | null }>()('studio:replay:pick-folder', z.undefined()),
} as const;

export const replayEvents = {
  replaysChanged: defineEvent<ReplayList>('studio:event:replays-changed'),
} as const;
