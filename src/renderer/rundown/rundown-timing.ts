import type { RundownState } from '../../shared/domain/rundown.js';

export interface RundownTiming {
  /** Seconds on the current item, earlier visits included; null before the show starts. */
  readonly currentElapsed: number | null;
  readonly currentPlanned: number | null;
  /** The current item has run past its plan. */
  readonly currentOver: boolean;
  /** Seconds since the show started; null before. */
  readonly showElapsed: number | null;
  /**
   * How far the show runs from its plan so far: positive is over, negative
   * under; null before the show starts.
   */
  readonly showDelta: number | null;
}

/**
 * Live timing from a rundown and the studio's clock (`studioNow`, already
 * corrected for skew).
 *
 * The over/under rule, as a host reads it:
 *  - an item already left counts actual minus planned (finishing early puts
 *    the show under, running long puts it over);
 *  - an item before the current one that was skipped counts minus its plan;
 *  - the current item counts only once it passes its plan (it is not
 *    "under" until the host moves on);
 *  - items without a planned time count as on plan.
 */
export function rundownTiming(state: RundownState, studioNow: number): RundownTiming {
  const { cursor, items } = state;
  const current = items.find((i) => i.id === cursor.currentItemId) ?? null;
  if (!current || cursor.currentSince === null) {
    return { currentElapsed: null, currentPlanned: null, currentOver: false, showElapsed: null, showDelta: null };
  }
  const visit = Math.max(0, (studioNow - cursor.currentSince) / 1000);
  const currentElapsed = current.actualSeconds + visit;
  const currentPlanned = current.plannedSeconds;

  let delta = 0;
  for (const item of items) {
    if (item.id === current.id || item.plannedSeconds === null) continue;
    const passed = item.position < current.position;
    if (passed || item.actualSeconds > 0) delta += item.actualSeconds - item.plannedSeconds;
  }
  if (currentPlanned !== null && currentElapsed > currentPlanned) delta += currentElapsed - currentPlanned;

  return {
    currentElapsed,
    currentPlanned,
    currentOver: currentPlanned !== null && currentElapsed > currentPlanned,
    showElapsed: cursor.showStartedAt === null ? null : Math.max(0, (studioNow - cursor.showStartedAt) / 1000),
    showDelta: delta,
  };
}
