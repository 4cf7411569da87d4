import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { ChatMessage, ChatMessageStatus } from '../../shared/domain/chat.js';
import type { SfuStatus } from '../../shared/domain/live.js';
import type { ClaimStatus } from '../../shared/domain/selling.js';
import { ChatStore } from '../chat/chat-store.js';
import { StudioEventBus } from '../events/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { PinStore } from '../pin/pin-store.js';
import { REPORT_QUERIES } from './show-report-store.js';
import { ShowReportService } from './show-report-service.js';
import { queryPlan } from '../../../tests/support/query-plan.js';

const T = 1_800_000_000_000;
const s = (seconds: number) => T + seconds * 1000;

const card = (title: string, variantTitle: string | null = null, currency = 'USD') => ({
  productId: title,
  title,
  variantTitle,
  price: '19.99',
  compareAtPrice: null,
  currency,
  imageUrl: null,
  stock: null,
  deal: null,
  buyUrl: null,
});

const status = (live: boolean, viewerCount: number): SfuStatus => ({
  mode: 'embedded',
  state: 'connected',
  signalUrl: null,
  viewerUrls: [],
  room: 'shop',
  live,
  viewerCount,
  error: null,
});

/** A studio file with the report service on the real event bus, a clock the test sets, and the real pin and chat stores. */
function studio() {
  const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
  const events = new StudioEventBus();
  let clock = T;
  let active: number | null = null;
  const reports = new ShowReportService({ db, events, activeShowId: () => active, now: () => clock });
  const pins = new PinStore(db);
  const chat = new ChatStore(db);
  const addShow = (name: string) => {
    const id = Number(db.prepare('INSERT INTO shows (name, created_at) VALUES (?, 0)').run(name).lastInsertRowid);
    active = id;
    return id;
  };
  const addProduct = (title: string) =>
    Number(
      db
        .prepare("INSERT INTO products (source_format, source_key, title, created_at, updated_at) VALUES ('csv', ?, ?, 1, 1)")
        .run(title, title).lastInsertRowid,
    );
  const at = (time: number) => {
    clock = time;
  };
  /** The SFU reports a status at a time; each call is more than a second apart, so each is written at once. */
  const sfu = (time: number, live: boolean, viewers: number) => {
    at(time);
    events.emit('sfuStatusChanged', status(live, viewers));
  };
  const pin = (showId: number, productId: number, time: number, title: string, variantTitle: string | null = null, currency = 'USD') =>
    pins.pin({ showId, productId, variantId: null, rundownItemId: null, card: card(title, variantTitle, currency) }, time);
  const claim = (
    showId: number,
    productId: number | null,
    productTitle: string,
    claimStatus: ClaimStatus,
    pricePaid: string | null,
    claimedAt: number,
    currency: string | null = 'USD',
  ) =>
    db
      .prepare(
        `INSERT INTO claims (show_id, viewer_id, viewer_name, text, product_id, product_title, price_paid, currency, status, claimed_at, updated_at)
         VALUES (?, 'v1', 'Anna', 'sold', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(showId, productId, productTitle, pricePaid, currency, claimStatus, claimedAt, claimedAt);
  let messageSeq = 0;
  const message = (showId: number, messageStatus: ChatMessageStatus, ts: number, role: ChatMessage['role'] = 'viewer') => {
    messageSeq += 1;
    chat.insert(
      {
        id: `m${messageSeq}`,
        showId,
        viewerId: role === 'host' ? null : 'v1',
        name: 'Anna',
        role,
        text: 'hi',
        ts,
        status: messageStatus,
        reasons: [],
        question: false,
        decidedBy: 'auto',
        decidedAt: ts,
      },
      { action: messageStatus === 'approved' ? 'approve' : 'hold', reasons: [], by: 'auto', at: ts },
    );
  };
  return { db, events, reports, addShow, addProduct, at, sfu, pin, pins, claim, message, setActive: (id: number | null) => (active = id) };
}

/** Two live periods, three products (one since deleted from the catalog), a deal, claims and chat. */
function finishedShow() {
  const t = studio();
  const show = t.addShow('Friday =drop, "live"');
  const mug = t.addProduct('Mug');
  const scarf = t.addProduct('Scarf');
  const gone = t.addProduct('Gone');

  t.sfu(s(0), true, 10);
  t.pin(show, mug, s(10), 'Mug', 'Blue');
  const scarfPin = t.pin(show, scarf, s(70), 'Scarf');
  t.sfu(s(90), true, 30);
  t.pin(show, mug, s(100), 'Mug', 'Red');
  t.sfu(s(120), false, 0);
  t.pins.unpin(s(130));
  t.sfu(s(300), true, 20);
  // Still pinned when the show ends: it counts until the end, not until now.
  t.pin(show, gone, s(310), "=cmd|' /C calc'!A0");
  t.sfu(s(360), false, 0);

  t.db
    .prepare(
      `INSERT INTO deals (pin_id, show_id, product_id, title, price, regular_price, currency, started_at, ends_at, ended_at)
       VALUES (?, ?, ?, 'Scarf', '5', '9.50', 'USD', ?, ?, ?)`,
    )
    .run(scarfPin.id, show, scarf, s(75), s(105), s(100));

  t.claim(show, mug, 'Mug', 'confirmed', '19.99', s(12));
  t.claim(show, mug, 'Mug', 'confirmed', '0.01', s(13));
  t.claim(show, mug, 'Mug', 'waitlisted', '19.99', s(14));
  t.claim(show, mug, 'Mug', 'cancelled', '19.99', s(15));
  t.claim(show, scarf, 'Scarf', 'confirmed', '5', s(80));
  // A product without a price: a sale of unknown value is counted, not summed.
  t.claim(show, scarf, 'Scarf', 'confirmed', null, s(81));
  t.claim(show, gone, "=cmd|' /C calc'!A0", 'confirmed', '0.1', s(320));
  t.db.prepare('DELETE FROM products WHERE id = ?').run(gone);

  for (const messageStatus of ['approved', 'approved', 'approved', 'held', 'blocked', 'rejected', 'deleted'] as const) {
    t.message(show, messageStatus, s(20));
  }
  t.message(show, 'approved', s(5), 'host');

  t.at(s(400));
  return { ...t, show, mug, scarf };
}

describe('the show report', () => {
  it('adds up air time, audience, messages, pinned time and exact revenue from the file', () => {
    const { reports, show, mug, scarf } = finishedShow();
    const report = reports.report(null);

    expect(report).toMatchObject({ showId: show, showName: 'Friday =drop, "live"', startedAt: s(0), endedAt: s(360), generatedAt: s(400) });
    // Live 0–120 s and 300–360 s; the off-air gap does not count.
    expect(report.durationSeconds).toBe(180);
    expect(report.viewers.peak).toBe(30);
    // Time-weighted: 10 for 90 s, 30 for 30 s, 20 for 60 s over 180 s = 16.7 (a plain mean of the live samples would say 20).
    expect(report.viewers.average).toBe(16.7);
    // Host messages are not audience; rejected and deleted count in the total only.
    expect(report.messages).toEqual({ total: 7, approved: 3, held: 1, blocked: 1 });

    expect(report.products).toEqual([
      {
        productId: mug,
        title: 'Mug',
        pinnedSeconds: 90,
        pinCount: 2,
        claimsConfirmed: 2,
        claimsWaitlisted: 1,
        claimsCancelled: 1,
        revenue: '20.00',
        currency: 'USD',
      },
      {
        productId: scarf,
        title: 'Scarf',
        pinnedSeconds: 30,
        pinCount: 1,
        claimsConfirmed: 2,
        claimsWaitlisted: 0,
        claimsCancelled: 0,
        revenue: '5',
        currency: 'USD',
      },
      {
        productId: null,
        title: "=cmd|' /C calc'!A0",
        pinnedSeconds: 50,
        pinCount: 1,
        claimsConfirmed: 1,
        claimsWaitlisted: 0,
        claimsCancelled: 0,
        revenue: '0.1',
        currency: 'USD',
      },
    ]);
    expect(report.totals).toEqual({ claimsConfirmed: 5, claimsWaitlisted: 1, claimsCancelled: 1, revenue: [{ currency: 'USD', amount: '25.10' }] });

    expect(report.timeline.pins.map((p) => [p.title, p.from, p.to])).toEqual([
      ['Mug / Blue', s(10), s(70)],
      ['Scarf', s(70), s(100)],
      ['Mug / Red', s(100), s(130)],
      ["=cmd|' /C calc'!A0", s(310), null],
    ]);
    expect(report.timeline.deals).toEqual([{ title: 'Scarf', price: '5', currency: 'USD', from: s(75), to: s(100) }]);
    expect(report.timeline.claims).toHaveLength(7);
    expect(report.timeline.viewers.map((v) => v.count)).toEqual([10, 30, 0, 20, 0]);
  });

  it('counts a running show until now: open air time, open pin, no end', () => {
    const t = studio();
    const show = t.addShow('Live now');
    const mug = t.addProduct('Mug');
    t.sfu(s(0), true, 4);
    t.sfu(s(60), true, 8);
    t.pin(show, mug, s(30), 'Mug');
    t.at(s(90));
    const first = t.reports.report(show);
    expect(first).toMatchObject({ endedAt: null, durationSeconds: 90 });
    // 4 for 60 s and 8 for 30 s.
    expect(first.viewers.average).toBeCloseTo(5.3, 5);
    expect(first.products[0]?.pinnedSeconds).toBe(60);
    t.at(s(120));
    const later = t.reports.report(show);
    expect(later.durationSeconds).toBe(120);
    expect(later.products[0]?.pinnedSeconds).toBe(90);
  });

  it('dates a show that never went live by its first activity, with no air time and no average', () => {
    const t = studio();
    const show = t.addShow('Rehearsal');
    t.db.prepare('INSERT INTO rundown_cursors (show_id, show_started_at) VALUES (?, ?)').run(show, s(50));
    t.message(show, 'approved', s(40));
    t.sfu(s(60), false, 0);
    t.at(s(100));
    expect(t.reports.report(show)).toMatchObject({
      startedAt: s(40),
      endedAt: null,
      durationSeconds: 0,
      viewers: { peak: 0, average: 0 },
      products: [],
      totals: { revenue: [], claimsConfirmed: 0 },
    });
  });

  it('sums sales per currency, never EUR into USD, and writes one Revenue line per currency in the CSV', () => {
    const t = studio();
    const show = t.addShow('Two shops');
    const mug = t.addProduct('Mug');
    const tee = t.addProduct('Tee');
    const cap = t.addProduct('Cap');
    t.claim(show, mug, 'Mug', 'confirmed', '10', s(1), 'USD');
    t.claim(show, tee, 'Tee', 'confirmed', '8', s(2), 'EUR');
    t.claim(show, mug, 'Mug', 'confirmed', '10.50', s(3), 'USD');
    t.claim(show, cap, 'Cap', 'confirmed', '5', s(4), null);
    t.claim(show, tee, 'Tee', 'cancelled', '8', s(5), 'EUR');
    const report = t.reports.report(show);
    expect(report.products.map((p) => p.currency)).toEqual(['USD', 'EUR', null]);
    expect(report.totals.revenue).toEqual([
      { currency: 'EUR', amount: '8' },
      { currency: 'USD', amount: '20.50' },
      { currency: null, amount: '5' },
    ]);
    const csv = t.reports.exportCsv(show).content;
    expect(csv).toContain('Revenue,8,EUR');
    expect(csv).toContain('Revenue,20.50,USD');
    expect(csv).not.toContain('28.50');
  });

  it('lists the show\'s auctions (accepted bids, proxy bids too; a maximum only when it placed a bid) and adds their block to the CSV', () => {
    const t = studio();
    const show = t.addShow('Auction night');
    const auction = (title: string, status: string, final: string | null, winner: string | null, at: number) =>
      Number(
        t.db
          .prepare(
            `INSERT INTO auctions (show_id, title, currency, start_price, mode, extend_seconds, duration_seconds, increments, started_at, ends_at, ended_at, status, final_price, winner_name)
             VALUES (?, ?, 'USD', '10', 'soft', 10, 20, '[]', ?, ?, ?, ?, ?, ?)`,
          )
          .run(show, title, at, at + 20_000, at + 20_000, status, final, winner).lastInsertRowid,
      );
    const jacket = auction('Denim jacket', 'sold', '26', 'Ana', s(10));
    auction('Silk scarf', 'unsold', null, null, s(100));
    const line = (seq: number, viewer: string, source: string, action: string, amount: string | null, max: string | null = null) =>
      t.db
        .prepare(
          `INSERT INTO auction_bids (auction_id, seq, input_id, viewer_id, viewer_name, source, amount, max_amount, action, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
        )
        .run(jacket, seq, `in-${seq}`, viewer, viewer, source, amount, max, action);
    line(0, 'ana', 'max', 'bid', '10', '40');
    line(1, 'ben', 'button', 'bid', '25');
    line(2, 'ana', 'proxy', 'bid', '26');
    line(3, 'ben', 'button', 'refused', '26');
    line(4, 'ana', 'max', 'bid', null, '50');
    expect(t.reports.report(show).auctions).toEqual([
      { auctionId: jacket, title: 'Denim jacket', startedAt: s(10), endedAt: s(30), status: 'sold', startPrice: '10', finalPrice: '26', currency: 'USD', winnerName: 'Ana', bids: 3, bidders: 2 },
      expect.objectContaining({ title: 'Silk scarf', status: 'unsold', finalPrice: null, winnerName: null, bids: 0, bidders: 0 }),
    ]);
    const lines = t.reports.exportCsv(show).content.split('\r\n');
    const at = lines.indexOf('Auction,Started,Result,Start price,Final price,Currency,Winner,Bids,Bidders');
    expect(lines[at - 1]).toBe('');
    expect(lines.slice(at + 1, at + 3).map((l) => l.replace(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2},/, ',<time>,'))).toEqual([
      'Denim jacket,<time>,Sold,10,26,USD,Ana,3,2',
      'Silk scarf,<time>,Not sold,10,,USD,,0,0',
    ]);
  });

  it('tells the host when there is no show to report on', () => {
    const t = studio();
    expect(() => t.reports.report(null)).toThrow(expect.objectContaining({ code: 'not-found', message: expect.stringMatching(/Open a show/) }));
    expect(() => t.reports.exportCsv(4242)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('exports a CSV a spreadsheet opens safely: summary, blank line, one row per product', () => {
    const { reports } = finishedShow();
    const file = reports.exportCsv(null);
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.fileName).toBe('show-report-friday-drop-live.csv');
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    const lines = file.content.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('Show,"Friday =drop, ""live"""');
    expect(lines.slice(3, 15)).toEqual([
      'Duration,3:00',
      'Peak viewers,30',
      'Average viewers,16.7',
      'Messages,7',
      'Claims,7',
      'Revenue,25.10,USD',
      '',
      'Product,Pinned (min:sec),Pins,Confirmed,Waitlisted,Cancelled,Revenue,Currency',
      'Mug,1:30,2,2,1,1,20.00,USD',
      'Scarf,0:30,1,2,0,0,5,USD',
      // The title a viewer-facing catalog could carry is neutralised, not run as a formula.
      `'=cmd|' /C calc'!A0,0:50,1,1,0,0,0.1,USD`,
      '',
    ]);
    expect(lines[1]).toMatch(/^Started,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(lines[2]).toMatch(/^Ended,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('records the audience of the active show from SFU status events, and goes off air on close', () => {
    const t = studio();
    const show = t.addShow('Recorded');
    t.sfu(s(0), true, 3);
    t.at(s(0.2));
    t.events.emit('sfuStatusChanged', status(true, 3));
    t.sfu(s(10), true, 5);
    t.at(s(20));
    t.reports.close();
    // After close, nothing more is recorded.
    t.sfu(s(30), true, 50);
    const rows = t.db.prepare('SELECT at, viewers, live FROM show_samples WHERE show_id = ? ORDER BY id').all(show);
    expect(rows).toEqual([
      { at: s(0), viewers: 3, live: 1 },
      { at: s(10), viewers: 5, live: 1 },
      { at: s(20), viewers: 0, live: 0 },
    ]);
    expect(t.reports.report(show)).toMatchObject({ durationSeconds: 20, endedAt: s(20) });
  });

  it('reads every table through its show index', () => {
    const { db } = studio();
    const plan = (sql: string) => queryPlan(db, sql, 1);
    expect(plan(REPORT_QUERIES.samples)).toMatch(/SEARCH show_samples USING INDEX show_samples_by_show \(show_id=\?\)/);
    expect(plan(REPORT_QUERIES.pins)).toMatch(/SEARCH pins USING INDEX pins_by_show \(show_id=\?\)/);
    expect(plan(REPORT_QUERIES.deals)).toMatch(/SEARCH deals USING INDEX deals_by_show \(show_id=\?\)/);
    expect(plan(REPORT_QUERIES.claims)).toMatch(/SEARCH claims USING INDEX claims_by_show \(show_id=\?\)/);
    expect(plan(REPORT_QUERIES.messageCounts)).toMatch(/SEARCH chat_messages USING INDEX chat_messages_by_show \(show_id=\?\)/);
    expect(plan(REPORT_QUERIES.auctions)).toMatch(/SEARCH a USING INDEX auctions_by_show \(show_id=\?\)/);
    expect(plan(REPORT_QUERIES.auctions)).toMatch(/SEARCH b USING (COVERING )?INDEX (sqlite_autoindex_auction_bids_1|auction_bids_by_viewer) \(auction_id=\?\)/);
    for (const sql of Object.values(REPORT_QUERIES)) expect(plan(sql)).not.toMatch(/^SCAN/m);
  });
});
