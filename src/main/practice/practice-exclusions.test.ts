/**
 * What never counts in a practice show (docs/practice.md), on the claims
 * bench (a real SQLite file, the core's own selling services): the claims
 * export refuses it, the Claims tab knows it, a real show's units left never
 * see its claims while its own do, and the report CSV says PRACTICE.
 */
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/result.js';
import type { ShowReport } from '../../shared/domain/selling.js';
import { blueTee, claimsBench, mug } from '../../../tests/support/claims-world.js';
import { stockLeftReader } from '../selling/selling-services.js';
import { showReportCsv } from '../report/show-report-csv.js';

const makePractice = (b: ReturnType<typeof claimsBench>, practice: boolean) =>
  b.db.prepare('UPDATE shows SET practice = ? WHERE id = ?').run(practice ? 1 : 0, b.showId);

describe('a practice show’s claims', () => {
  it('are never exported, whichever export is asked for; the same show turned real exports them', async () => {
    const b = claimsBench([blueTee({ S: 2, M: 2, L: 2 }), mug()]);
    makePractice(b, true);
    await b.pin(0);
    expect(b.say('ann', 'sold M')).toMatchObject({ status: 'confirmed' });
    expect(b.claims.list(null).practice).toBe(true);
    for (const input of [
      { showId: null, all: false },
      { showId: b.showId, all: true },
    ]) {
      expect(() => b.claims.exportCsv(input)).toThrow(StudioError);
      expect(() => b.claims.exportCsv(input)).toThrow(
        '“Spring Drop: Tees & Mugs” is a practice show: its claims are rehearsal, not orders, so there is nothing to export for invoicing.',
      );
    }
    makePractice(b, false);
    expect(b.claims.list(null).practice).toBe(false);
    expect(b.claims.exportCsv({ showId: null, all: false }).content).toContain('Blue T-shirt');
  });

  it('take units inside the practice show (the host rehearses the waitlist), never in a real show', async () => {
    const b = claimsBench([blueTee({ S: 1, M: 1, L: 1 }), mug()]);
    makePractice(b, true);
    const real = Number(b.db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday drop', 2)").run().lastInsertRowid);
    await b.pin(0, 'M');
    expect(b.say('ann', 'sold')).toMatchObject({ status: 'confirmed' });
    expect(b.say('ben', 'sold')).toMatchObject({ status: 'waitlisted' });
    const m = b.variant(0, 'M').id;
    const ledger = stockLeftReader(b.db, b.catalog);
    expect(ledger.stockLeft(b.showId, b.ids[0]!, m, 1)).toBe(0);
    expect(ledger.stockLeft(b.showId, b.ids[0]!, null, 3)).toBe(2);
    expect(ledger.stockLeft(real, b.ids[0]!, m, 1)).toBe(1);
    expect(ledger.stockLeft(real, b.ids[0]!, null, 3)).toBe(3);
  });
});

describe('a practice show’s report CSV', () => {
  const report = (practice: boolean): ShowReport => ({
    showId: 3,
    showName: 'Rehearsal',
    practice,
    startedAt: null,
    endedAt: null,
    durationSeconds: 0,
    viewers: { peak: 4, average: 2 },
    messages: { total: 10, approved: 10, held: 0, blocked: 0 },
    products: [
      { productId: 1, title: 'Tee', pinnedSeconds: 60, pinCount: 1, claimsConfirmed: 2, claimsWaitlisted: 0, claimsCancelled: 0, revenue: '40', currency: 'USD' },
    ],
    totals: { claimsConfirmed: 2, claimsWaitlisted: 0, claimsCancelled: 0, revenue: [{ currency: 'USD', amount: '40' }] },
    timeline: { pins: [], deals: [], claims: [], viewers: [] },
    auctions: [],
    giveaways: [],
    generatedAt: 0,
  });
  const lines = (r: ShowReport) => showReportCsv(r).content.replace(/^\uFEFF/, '').split('\r\n');

  it('says PRACTICE first and never calls its money revenue; a real show’s is unchanged', () => {
    const practice = lines(report(true));
    expect(practice[0]).toBe('PRACTICE,A practice show (rehearsal): its claims and revenue are not sales.');
    expect(practice).toContain('Practice revenue (not sales),40,USD');
    expect(practice.some((l) => l.startsWith('Revenue'))).toBe(false);
    expect(showReportCsv(report(true)).fileName).toBe('practice-show-report-rehearsal.csv');

    const real = lines(report(false));
    expect(real[0]).toBe('Show,Rehearsal');
    expect(real).toContain('Revenue,40,USD');
    expect(real.join('\n')).not.toMatch(/practice/i);
  });
});
