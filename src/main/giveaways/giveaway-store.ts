import type { Giveaway, GiveawayReportRow, GiveawayStatus } from '../../shared/domain/giveaways.js';
import type { Exclusion } from '../../shared/domain/viewer-exclusion.js';
import type { StudioDatabase } from '../db/open-database.js';

interface GiveawayRow {
  id: number;
  show_id: number | null;
  prize: string;
  keyword: string | null;
  button_entry: number;
  rules: string;
  min_watch_minutes: number | null;
  status: GiveawayStatus;
  opened_at: number;
  closed_at: number | null;
  drawn_at: number | null;
  commitment: string | null;
  seed: string | null;
  winner_viewer_id: string | null;
  winner_name: string | null;
  entries: number;
}

export interface EntryRow {
  readonly viewerId: string;
  readonly name: string;
}

export type { Exclusion };

export interface NewGiveaway {
  readonly showId: number | null;
  readonly prize: string;
  readonly keyword: string | null;
  readonly buttonEntry: boolean;
  readonly rules: string;
  readonly minWatchMinutes: number | null;
  readonly openedAt: number;
  /** The secret seed, created at opening so it is fixed before anyone enters (never sent anywhere until the draw). */
  readonly seed: string;
  /** SHA-256 of the seed: published from the moment the giveaway opens. */
  readonly commitment: string;
}

/** What a giveaway row holds that viewers never see before the draw. */
export interface StoredGiveaway extends Giveaway {
  /** Stored when the giveaway opens, revealed (in `Giveaway.seed`) only once drawn. */
  readonly secretSeed: string | null;
}

// Entries counted are the ones drawn from (not left out when entries closed).
const COLUMNS = `g.id, g.show_id, g.prize, g.keyword, g.button_entry, g.rules, g.min_watch_minutes, g.status, g.opened_at, g.closed_at,
  g.drawn_at, g.commitment, g.seed, g.winner_viewer_id, g.winner_name,
  (SELECT count(*) FROM giveaway_entries e WHERE e.giveaway_id = g.id AND e.excluded IS NULL) AS entries`;

export const GIVEAWAY_QUERIES = {
  /** The open (or closed, not yet drawn) giveaway of one show. */
  current: `SELECT ${COLUMNS} FROM giveaways g WHERE g.status IN ('open', 'closed') AND g.show_id IS ?`,
  /** The one open or undrawn giveaway, whichever show it belongs to (at most one: migration 0130's index). */
  unfinished: `SELECT ${COLUMNS} FROM giveaways g WHERE g.status IN ('open', 'closed')`,
  byId: `SELECT ${COLUMNS} FROM giveaways g WHERE g.id = ?`,
  ofShow: `SELECT ${COLUMNS} FROM giveaways g WHERE g.show_id IS ? ORDER BY g.opened_at DESC, g.id DESC LIMIT 200`,
} as const;

const toGiveaway = (r: GiveawayRow): StoredGiveaway => ({
  id: r.id,
  showId: r.show_id,
  prize: r.prize,
  keyword: r.keyword,
  buttonEntry: r.button_entry === 1,
  rules: r.rules,
  minWatchMinutes: r.min_watch_minutes,
  status: r.status,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  drawnAt: r.drawn_at,
  entries: r.entries,
  commitment: r.commitment,
  // The seed stays private until the draw.
  seed: r.status === 'drawn' ? r.seed : null,
  secretSeed: r.seed,
  winner: r.winner_viewer_id !== null ? { viewerId: r.winner_viewer_id, name: r.winner_name ?? '' } : null,
});

/** The giveaways and giveaway_entries tables (migrations 0130, 0150). */
export class GiveawayStore {
  constructor(private readonly db: StudioDatabase) {}

  /** The show's open or undrawn giveaway: viewers of another show never see or enter it. */
  current(showId: number | null): StoredGiveaway | null {
    const row = this.db.prepare<[number | null], GiveawayRow>(GIVEAWAY_QUERIES.current).get(showId);
    return row ? toGiveaway(row) : null;
  }

  /** The open or undrawn giveaway of any show (the studio holds at most one). */
  unfinished(): StoredGiveaway | null {
    const row = this.db.prepare<[], GiveawayRow>(GIVEAWAY_QUERIES.unfinished).get();
    return row ? toGiveaway(row) : null;
  }

  byId(id: number): StoredGiveaway | null {
    const row = this.db.prepare<[number], GiveawayRow>(GIVEAWAY_QUERIES.byId).get(id);
    return row ? toGiveaway(row) : null;
  }

  ofShow(showId: number | null): StoredGiveaway[] {
    return this.db.prepare<[number | null], GiveawayRow>(GIVEAWAY_QUERIES.ofShow).all(showId).map(toGiveaway);
  }

  start(g: NewGiveaway): StoredGiveaway {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO giveaways (show_id, prize, keyword, button_entry, rules, min_watch_minutes, status, opened_at, seed, commitment)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(g.showId, g.prize, g.keyword, g.buttonEntry ? 1 : 0, g.rules, g.minWatchMinutes, g.openedAt, g.seed, g.commitment);
    return this.byId(Number(lastInsertRowid))!;
  }

  /** false: this viewer already entered (one entry per viewer). */
  addEntry(giveawayId: number, entry: EntryRow, source: 'chat' | 'button', at: number): boolean {
    const { changes } = this.db
      .prepare(
        `INSERT INTO giveaway_entries (giveaway_id, viewer_id, viewer_name, source, entered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (giveaway_id, viewer_id) DO NOTHING`,
      )
      .run(giveawayId, entry.viewerId, entry.name, source, at);
    return changes === 1;
  }

  /** Every entry, with why it was left out of the draw (null: drawn from). */
  entries(giveawayId: number): (EntryRow & { readonly excluded: Exclusion | null })[] {
    return this.db
      .prepare<[number], { viewer_id: string; viewer_name: string; excluded: Exclusion | null }>(
        'SELECT viewer_id, viewer_name, excluded FROM giveaway_entries WHERE giveaway_id = ? ORDER BY id',
      )
      .all(giveawayId)
      .map((r) => ({ viewerId: r.viewer_id, name: r.viewer_name, excluded: r.excluded }));
  }

  /** The entries drawn from (after exclusions). */
  drawList(giveawayId: number): EntryRow[] {
    return this.entries(giveawayId).filter((e) => e.excluded === null);
  }

  /**
   * Closes entries: marks who is left out, in one transaction. The seed and
   * commitment were stored at opening; `legacy` only fills them for a
   * giveaway opened by a version that created them at closing.
   */
  close(giveawayId: number, exclusions: ReadonlyMap<string, Exclusion>, at: number, legacy?: { seed: string; commitment: string }): void {
    this.db.transaction(() => {
      const mark = this.db.prepare('UPDATE giveaway_entries SET excluded = ? WHERE giveaway_id = ? AND viewer_id = ?');
      for (const [viewerId, why] of exclusions) mark.run(why, giveawayId, viewerId);
      this.db
        .prepare(
          `UPDATE giveaways SET status = 'closed', closed_at = ?, seed = coalesce(seed, ?), commitment = coalesce(commitment, ?)
           WHERE id = ? AND status = 'open'`,
        )
        .run(at, legacy?.seed ?? null, legacy?.commitment ?? null, giveawayId);
    })();
  }

  drawn(giveawayId: number, winner: EntryRow, at: number): void {
    this.db
      .prepare(`UPDATE giveaways SET status = 'drawn', drawn_at = ?, winner_viewer_id = ?, winner_name = ? WHERE id = ? AND status = 'closed'`)
      .run(at, winner.viewerId, winner.name, giveawayId);
  }

  cancel(giveawayId: number, at: number): void {
    this.db.prepare(`UPDATE giveaways SET status = 'cancelled', closed_at = coalesce(closed_at, ?) WHERE id = ? AND status = 'open'`).run(at, giveawayId);
  }

  /** The show report's rows, oldest first. */
  reportRows(showId: number): GiveawayReportRow[] {
    return this.ofShow(showId)
      .reverse()
      .map((g) => ({
        giveawayId: g.id,
        prize: g.prize,
        openedAt: g.openedAt,
        status: g.status,
        entries: g.entries,
        winnerName: g.winner?.name ?? null,
        commitment: g.commitment,
        seed: g.seed,
      }));
  }
}
