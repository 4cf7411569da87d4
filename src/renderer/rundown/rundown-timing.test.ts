import { describe, expect, it } from 'vitest';
import type { RundownItem, RundownState } from '../../shared/domain/rundown.js';
import { rundownTiming } from './rundown-timing.js';

const item = (id: number, plannedSeconds: number | null, actualSeconds = 0): RundownItem => ({
  id,
  showId: 1,
  position: id - 1,
  kind: 'segment',
  segmentType: 'custom',
  title: `Item ${id}`,
  notes: '',
  plannedSeconds,
  product: null,
  actualSeconds,
});

const state = (items: RundownItem[], currentItemId: number | null, currentSince: number | null): RundownState => ({
  show: { id: 1, name: 'Show', scheduledStart: null, practice: false, itemCount: items.length, plannedSeconds: 0, createdAt: 0 },
  items,
  cursor: { currentItemId, currentSince, showStartedAt: currentSince === null ? null : 0 },
  nextItemId: null,
  now: 0,
});

describe('rundownTiming', () => {
  it('has nothing to show before the show starts', () => {
    const t = rundownTiming(state([item(1, 60)], null, null), 10_000);
    expect(t.showDelta).toBeNull();
    expect(t.currentElapsed).toBeNull();
  });

  it('counts the current visit on top of earlier visits', () => {
    const t = rundownTiming(state([item(1, 300, 20)], 1, 100_000), 112_000);
    expect(t.currentElapsed).toBe(32);
    expect(t.currentOver).toBe(false);
    expect(t.showDelta).toBe(0);
  });

  it('is over when finished items ran long and the current item is past its plan', () => {
    const items = [item(1, 60, 90), item(2, 120)];
    const t = rundownTiming(state(items, 2, 0), 150_000);
    expect(t.currentOver).toBe(true);
    expect(t.showDelta).toBe(30 + 30);
  });

  it('is under when items finished early or were skipped', () => {
    const items = [item(1, 60, 40), item(2, 100), item(3, 300)];
    const t = rundownTiming(state(items, 3, 0), 10_000);
    expect(t.showDelta).toBe(-20 - 100);
  });

  it('treats items without a plan as on plan', () => {
    const items = [item(1, null, 500), item(2, null)];
    expect(rundownTiming(state(items, 2, 0), 999_000).showDelta).toBe(0);
  });
});
