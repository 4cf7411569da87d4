import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { ShowSampleRecorder } from './show-sample-recorder.js';

/** A recorder on a real file, with a clock and a one-second timer the test moves by hand. */
function setup() {
  const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
  const addShow = (name: string) => Number(db.prepare('INSERT INTO shows (name, created_at) VALUES (?, 0)').run(name).lastInsertRowid);
  const showA = addShow('Monday drop');
  const showB = addShow('Tuesday drop');
  let clock = 10_000;
  let active: number | null = showA;
  const timers: { due: number; run: () => void; cancelled: boolean }[] = [];
  const recorder = new ShowSampleRecorder({
    db,
    activeShowId: () => active,
    now: () => clock,
    schedule: (run, delayMs) => {
      const timer = { due: clock + delayMs, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  const advance = (ms: number) => {
    clock += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.due <= clock) timer.run();
      else timers.push(timer);
    }
  };
  const rows = (showId = showA) =>
    db
      .prepare<[number], { at: number; viewers: number; live: number }>('SELECT at, viewers, live FROM show_samples WHERE show_id = ? ORDER BY id')
      .all(showId);
  const pendingTimers = () => timers.filter((t) => !t.cancelled).length;
  return { db, recorder, advance, rows, showA, showB, setActive: (id: number | null) => (active = id), pendingTimers };
}

describe('the viewer sample recorder', () => {
  it('writes a change at once, coalesces a burst into one row a second and ends on its last value', () => {
    const { recorder, advance, rows } = setup();
    recorder.observe({ live: true, viewers: 3 });
    expect(rows()).toEqual([{ at: 10_000, viewers: 3, live: 1 }]);
    advance(100);
    recorder.observe({ live: true, viewers: 4 });
    advance(100);
    recorder.observe({ live: true, viewers: 9 });
    advance(100);
    recorder.observe({ live: true, viewers: 7 });
    // Still inside the second: nothing new yet.
    expect(rows()).toHaveLength(1);
    advance(700);
    expect(rows()).toEqual([
      { at: 10_000, viewers: 3, live: 1 },
      { at: 11_000, viewers: 7, live: 1 },
    ]);
    // A quiet second later, a change is written at once again.
    advance(1500);
    recorder.observe({ live: true, viewers: 8 });
    expect(rows().at(-1)).toEqual({ at: 12_500, viewers: 8, live: 1 });
  });

  it('ignores statuses that change nothing, and a burst that comes back to the written value', () => {
    const { recorder, advance, rows, pendingTimers } = setup();
    recorder.observe({ live: true, viewers: 5 });
    recorder.observe({ live: true, viewers: 5 });
    advance(200);
    recorder.observe({ live: true, viewers: 6 });
    recorder.observe({ live: true, viewers: 5 });
    advance(2000);
    expect(rows()).toEqual([{ at: 10_000, viewers: 5, live: 1 }]);
    expect(pendingTimers()).toBe(0);
  });

  it('writes going on and off air at once, even inside the second', () => {
    const { recorder, advance, rows, pendingTimers } = setup();
    recorder.observe({ live: false, viewers: 0 });
    advance(10);
    recorder.observe({ live: true, viewers: 0 });
    advance(10);
    recorder.observe({ live: true, viewers: 2 });
    advance(10);
    recorder.observe({ live: false, viewers: 0 });
    // The pending "2" was overtaken by the off-air row; no timer writes it later.
    expect(pendingTimers()).toBe(0);
    advance(5000);
    // A show starts off air: the first off-air status adds no row.
    expect(rows()).toEqual([
      { at: 10_010, viewers: 0, live: 1 },
      { at: 10_030, viewers: 0, live: 0 },
    ]);
  });

  it('continues from the file after a restart: nothing new when off air, the crashed period closed when it was on air', () => {
    const first = setup();
    first.recorder.observe({ live: true, viewers: 6 });
    // A crash: no close(), the show is still on air in the file.
    const restarted = new ShowSampleRecorder({ db: first.db, activeShowId: () => first.showA, now: () => 50_000 });
    restarted.observe({ live: false, viewers: 0 });
    restarted.observe({ live: false, viewers: 0 });
    expect(first.rows()).toEqual([
      { at: 10_000, viewers: 6, live: 1 },
      { at: 50_000, viewers: 0, live: 0 },
    ]);
    const again = new ShowSampleRecorder({ db: first.db, activeShowId: () => first.showA, now: () => 90_000 });
    again.observe({ live: false, viewers: 0 });
    expect(first.rows()).toHaveLength(2);
  });

  it('closes with the pending value and an off-air row, then records nothing more', () => {
    const { recorder, advance, rows } = setup();
    recorder.observe({ live: true, viewers: 1 });
    advance(300);
    recorder.observe({ live: true, viewers: 4 });
    recorder.close();
    recorder.observe({ live: true, viewers: 9 });
    advance(5000);
    expect(rows()).toEqual([
      { at: 10_000, viewers: 1, live: 1 },
      { at: 10_300, viewers: 4, live: 1 },
      { at: 10_300, viewers: 0, live: 0 },
    ]);
  });

  it('takes the show left behind off air when the host opens another show, and records nothing without a show', () => {
    const { recorder, advance, rows, showA, showB, setActive } = setup();
    recorder.observe({ live: true, viewers: 12 });
    advance(400);
    setActive(showB);
    recorder.observe({ live: true, viewers: 13 });
    expect(rows(showA)).toEqual([
      { at: 10_000, viewers: 12, live: 1 },
      { at: 10_400, viewers: 0, live: 0 },
    ]);
    expect(rows(showB)).toEqual([{ at: 10_400, viewers: 13, live: 1 }]);
    setActive(null);
    advance(2000);
    recorder.observe({ live: true, viewers: 20 });
    expect(rows(showB)).toEqual([
      { at: 10_400, viewers: 13, live: 1 },
      { at: 12_400, viewers: 0, live: 0 },
    ]);
  });
});
