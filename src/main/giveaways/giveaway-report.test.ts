/** The show report's giveaway rows, from the same SQLite file the service writes. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { ChatStore } from '../chat/chat-store.js';
import { openDatabase } from '../db/open-database.js';
import { StudioEventBus } from '../events/event-bus.js';
import { formatDateTime } from '../report/show-report-csv.js';
import { ShowReportService } from '../report/show-report-service.js';
import { SellBoard } from '../sell-board/sell-board.js';
import { GiveawayService } from './giveaway-service.js';

describe('giveaways in the show report', () => {
  it('lists each giveaway of the show, oldest first, with entries, winner, commitment and seed', async () => {
    const db = openDatabase(path.join(tempDir(), 'r.sqlite'));
    const events = new StudioEventBus();
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday', 0)").run().lastInsertRowid);
    const other = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Other', 0)").run().lastInsertRowid);
    let active = show;
    let clock = 5000;
    const chat = new ChatStore(db);
    const board = new SellBoard({ target: { sendSellState: () => {}, sendSellNotice: () => {} } });
    const giveaways = new GiveawayService({ db, events, board, viewer: (id) => chat.viewer(id), announce: () => {}, activeShowId: () => active, now: () => clock });
    const reports = new ShowReportService({ db, events, activeShowId: () => active, now: () => clock });
    const enter = (viewerId: string) =>
      giveaways.readChat({ id: viewerId, showId: show, viewerId, name: `N-${viewerId}`, role: 'viewer', text: 'win', ts: clock, status: 'approved', reasons: [], question: false, decidedBy: 'auto', decidedAt: clock }, null);

    await giveaways.start({ prize: 'Tote bag', keyword: 'win', buttonEntry: false, rules: '', minWatchMinutes: null });
    enter('a');
    enter('b');
    const drawn = (await giveaways.draw()).current!;
    clock = 9000;
    await giveaways.start({ prize: 'Mug', keyword: null, buttonEntry: true, rules: '', minWatchMinutes: null });
    giveaways.cancel();
    active = other;
    await giveaways.start({ prize: 'Elsewhere', keyword: null, buttonEntry: true, rules: '', minWatchMinutes: null });

    expect(reports.report(show).giveaways).toEqual([
      { giveawayId: drawn.id, prize: 'Tote bag', openedAt: 5000, status: 'drawn', entries: 2, winnerName: drawn.winner!.name, commitment: drawn.commitment, seed: drawn.seed },
      // A cancelled giveaway keeps the commitment viewers saw; its seed is never revealed.
      { giveawayId: drawn.id + 1, prize: 'Mug', openedAt: 9000, status: 'cancelled', entries: 0, winnerName: null, commitment: expect.stringMatching(/^[0-9a-f]{64}$/), seed: null },
    ]);
    expect(drawn.winner!.name).toMatch(/^N-[ab]$/);
    const csv = reports.exportCsv(show).content;
    expect(csv).toContain('Giveaway,Opened,Status,Entries,Winner,Commitment,Seed');
    expect(csv).toContain(`Tote bag,${formatDateTime(5000)},drawn,2,${drawn.winner!.name},${drawn.commitment},${drawn.seed}`);
    expect(csv).toMatch(new RegExp(`Mug,${formatDateTime(9000)},cancelled,0,,[0-9a-f]{64},\r\n`));
    const otherCsv = reports.exportCsv(other).content;
    expect(otherCsv).toMatch(/,open,0,,[0-9a-f]{64},\r\n/);
    expect(otherCsv).not.toContain('Tote bag');
    giveaways.close();
    reports.close();
    board.close();
  });
});
