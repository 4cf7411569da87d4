import type { ReplayInfo, ReplayList } from '../../shared/domain/replay.js';
import { type StudioValue, useStudioValue } from '../api/studio-value.js';

/** Finished recordings and their replays (main's list, followed through `replaysChanged`). */
export function useReplays(): StudioValue<ReplayList> {
  return useStudioValue({ event: 'replaysChanged', read: (studio) => studio.listReplays() });
}

export const isPublishing = (replay: ReplayInfo | undefined): boolean =>
  replay?.job !== null && replay?.job !== undefined && replay.job.phase !== 'done' && replay.job.phase !== 'failed';
