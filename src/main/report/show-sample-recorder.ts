import type { StudioDatabase } from '../db/open-database.js';

/** What is sampled from each SFU status. */
export interface ShowSample {
  readonly live: boolean;
  readonly viewers: number;
}

/** A one-shot timer; returns its cancel function. Injected so tests control time. */
export type ScheduleTimer = (run: () => void, delayMs: number) => () => void;

export interface ShowSampleRecorderDeps {
  readonly db: StudioDatabase;
  readonly activeShowId: () => number | null;
  readonly now: () => number;
  readonly schedule?: ScheduleTimer;
}

/** At most one row per show per second: a 4-hour show stays under 15,000 rows. */
export const SAMPLE_INTERVAL_MS = 1000;

const defaultSchedule: ScheduleTimer = (run, delayMs) => {
  const timer = setTimeout(run, delayMs);
  return () => clearTimeout(timer);
};

interface Written extends ShowSample {
  readonly showId: number;
  readonly at: number;
}

/**
 * Writes the viewer count and on-air state of the active show into
 * show_samples, one row per change. Viewer counts can change many times a
 * second when a show is shared; a burst is coalesced into one row a second
 * and its last value is always written when the second is over, so the
 * report's average ends on the right number. Going on or off air is written
 * at once: live periods (the show's duration) must be exact.
 */
export class ShowSampleRecorder {
  private readonly insertStmt;
  private readonly lastStmt;
  private readonly schedule: ScheduleTimer;
  private lastWritten: Written | null = null;
  /** The newest value not yet written, and the timer that will write it. */
  private pending: ShowSample | null = null;
  private cancelTimer: (() => void) | null = null;
  private closed = false;

  constructor(private readonly deps: ShowSampleRecorderDeps) {
    this.schedule = deps.schedule ?? defaultSchedule;
    this.insertStmt = deps.db.prepare<[number, number, number, number]>(
      'INSERT INTO show_samples (show_id, at, viewers, live) VALUES (?, ?, ?, ?)',
    );
    this.lastStmt = deps.db.prepare<[number], { at: number; viewers: number; live: number }>(
      'SELECT at, viewers, live FROM show_samples WHERE show_id = ? ORDER BY at DESC, id DESC LIMIT 1',
    );
  }

  /** Called with every SFU status; unchanged values are ignored. */
  observe(sample: ShowSample): void {
    if (this.closed) return;
    const viewers = Math.max(0, Math.trunc(sample.viewers));
    const next: ShowSample = { live: sample.live, viewers };
    const showId = this.deps.activeShowId();
    const last = this.lastWritten;
    if (last && showId !== last.showId) {
      // The host opened another show: the one left behind is off air from
      // now, so its duration stops growing.
      this.flush();
      if (this.lastWritten?.live === true) this.write(this.lastWritten.showId, { live: false, viewers: 0 });
      this.lastWritten = null;
    }
    if (showId === null) return;
    // Continue from what the file holds: a restart that finds the show off air
    // adds no row, one that finds it on air after a crash closes that period.
    if (!this.lastWritten) this.lastWritten = this.lastStored(showId);
    const newest = this.pending ?? this.lastWritten;
    if (newest && newest.live === next.live && newest.viewers === next.viewers) return;
    const current = this.lastWritten;
    if (!current || current.live !== next.live || this.deps.now() - current.at >= SAMPLE_INTERVAL_MS) {
      this.cancelPending();
      this.write(showId, next);
      return;
    }
    this.pending = next;
    if (!this.cancelTimer) {
      const wait = Math.max(0, current.at + SAMPLE_INTERVAL_MS - this.deps.now());
      this.cancelTimer = this.schedule(() => {
        this.cancelTimer = null;
        this.flush();
      }, wait);
    }
  }

  /** Writes the value waiting for its second, if any. */
  flush(): void {
    const pending = this.pending;
    const showId = this.lastWritten?.showId;
    this.cancelPending();
    if (!pending || showId === undefined) return;
    // A burst that came back to the written value (5 → 6 → 5) changed nothing.
    if (pending.live === this.lastWritten?.live && pending.viewers === this.lastWritten.viewers) return;
    this.write(showId, pending);
  }

  /**
   * Writes what is pending and, when on air, an off-air row: the studio is
   * the publisher, so when it closes the show is off air, and a restart must
   * not count the time it was closed as air time.
   */
  close(): void {
    if (this.closed) return;
    this.flush();
    if (this.lastWritten?.live === true) this.write(this.lastWritten.showId, { live: false, viewers: 0 });
    this.closed = true;
  }

  private lastStored(showId: number): Written {
    const row = this.lastStmt.get(showId);
    // No row yet: the show starts off air, so the first off-air status changes nothing.
    if (!row) return { showId, at: Number.NEGATIVE_INFINITY, live: false, viewers: 0 };
    return { showId, at: row.at, live: row.live === 1, viewers: row.viewers };
  }

  private cancelPending(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.pending = null;
  }

  private write(showId: number, sample: ShowSample): void {
    // max(): a clock that stepped back must not put a row before the previous one.
    const at = Math.max(this.deps.now(), this.lastWritten?.showId === showId ? this.lastWritten.at : 0);
    try {
      this.insertStmt.run(showId, at, sample.viewers, sample.live ? 1 : 0);
    } catch (error) {
      // The show was deleted between the status and the write: nothing to record.
      console.warn('[report] Could not record a viewer sample', error);
      return;
    }
    this.lastWritten = { showId, at, ...sample };
  }
}
