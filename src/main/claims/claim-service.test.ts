import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Claim } from '../../shared/domain/selling.js';
import { CLAIM_QUERIES } from './claim-store.js';
import { blueTee, claimsBench, host, mug } from '../../../tests/support/claims-world.js';
import { queryPlan } from '../../../tests/support/query-plan.js';

const statuses = (claims: readonly Claim[]) => claims.map((c) => [c.viewerId, c.variantTitle, c.status]);

describe('claims from chat', () => {
  it('first come, first served: the last unit goes to the first claim, the second waits', async () => {
    const b = claimsBench();
    await b.pin(1); // the mug, one unit
    b.tick(1000);
    const first = b.say('ann', 'SOLD!!');
    b.tick(5);
    const second = b.say('ben', 'mine');
    expect(first).toMatchObject({
      status: 'confirmed',
      productTitle: 'Café Mug',
      variantTitle: null,
      sku: 'MUG-1',
      pricePaid: '12.00',
      currency: 'EUR',
      viewerName: 'Viewer ann',
      text: 'SOLD!!',
      showId: b.showId,
      dealId: null,
      auctionId: null,
      note: null,
    });
    expect(second).toMatchObject({ status: 'waitlisted', claimedAt: first!.claimedAt + 5 });
    expect(b.noticesTo('ann')).toEqual(['You got it! Café Mug — €12.00. The seller will send you checkout details.']);
    expect(b.noticesTo('ben')).toEqual(["You're on the waitlist for Café Mug: #1 in line. We'll tell you here if one frees up."]);
    // The card viewers see says sold out, and the panel heard of both claims.
    expect(b.pins.state().current!.card.stock).toBe(0);
    expect(b.claimEvents).toHaveLength(1); // the second one trails, coalesced
    await vi.waitFor(() => expect(b.claimEvents.at(-1)!.claims.map((c) => c.status)).toEqual(['confirmed', 'waitlisted']));
    expect(b.claimEvents).toHaveLength(2);
    expect(b.claimEvents[1]!.showId).toBe(b.showId);
  });

  it('claims the variant the viewer names, with its price and SKU; the card counts that variant down', async () => {
    const b = claimsBench([blueTee({ L: 3 })]);
    await b.pin(0, 'L');
    expect(b.pins.state().current!.card.stock).toBe(3);
    const claim = b.say('ann', 'claim blue L please');
    expect(claim).toMatchObject({ variantId: b.variant(0, 'L').id, variantTitle: 'L / Blue', sku: 'BT-L', pricePaid: '21.50', currency: 'USD', status: 'confirmed' });
    expect(b.noticesTo('ann')).toEqual(['You got it! Blue T-shirt, L / Blue — $21.50. The seller will send you checkout details.']);
    expect(b.pins.state().current!.card.stock).toBe(2);
    // The pinned variant is the one meant when the message names none.
    expect(b.say('ben', 'sold')).toMatchObject({ variantTitle: 'L / Blue' });
    expect(b.claims.stockLeft(b.showId, b.ids[0]!, b.variant(0, 'L').id, 3)).toBe(1);
  });

  it('a product-level claim ("sold blue" fits every size) takes a unit of the product; the seller sorts out the size', async () => {
    const b = claimsBench([blueTee({ S: 1, M: 0, L: 0 })]);
    await b.pin(0);
    const claim = b.say('ann', 'sold blue');
    expect(claim).toMatchObject({ variantId: null, variantTitle: null, sku: null, pricePaid: '19.99', status: 'confirmed' });
    expect(b.noticesTo('ann')[0]).toBe(
      'You got it! Blue T-shirt — $19.99. The seller will send you checkout details. The seller will check with you which one you want.',
    );
    // The product's only unit is gone: S is sold out too, though nobody named it.
    expect(b.claims.stockLeft(b.showId, b.ids[0]!, null, 1)).toBe(0);
    expect(b.claims.stockLeft(b.showId, b.ids[0]!, b.variant(0, 'S').id, 1)).toBe(0);
    expect(b.say('ben', 'sold S')).toMatchObject({ status: 'waitlisted' });
  });

  it('asks which size when the viewer names one the product does not have, and claims nothing', async () => {
    const b = claimsBench([blueTee({ S: 0 })]);
    await b.pin(0);
    expect(b.say('ann', 'sold XXXL')).toBeNull();
    expect(b.noticesTo('ann')).toEqual(['Which size? Blue T-shirt comes in S, M, L — reply e.g. "sold M".']);
    expect(b.claims.list(null).claims).toEqual([]);
  });

  it('claims only what reads as a claim, while a product is pinned and claims are on', async () => {
    const b = claimsBench();
    expect(b.say('ann', 'sold')).toBeNull(); // nothing pinned
    await b.pin(1);
    expect(b.say('ann', 'is it sold out?')).toBeNull();
    expect(b.say('ann', 'sold', { role: 'host', viewerId: null })).toBeNull();
    b.settings.claimsFromChat = false;
    expect(b.say('ann', 'sold')).toBeNull();
    b.settings.claimsFromChat = true;
    await b.pins.unpin();
    b.tick(10);
    expect(b.say('ann', 'sold')).toBeNull();
    expect(b.claims.list(null).claims).toEqual([]);
    expect(b.notices).toEqual([]);
  });

  it('claims the product that was pinned when the message was sent, even when it is approved later', async () => {
    const b = claimsBench();
    await b.pin(0, 'M');
    b.tick(100);
    const heldMessage = b.message('ann', 'sold');
    b.tick(30_000);
    await b.pin(1);
    b.tick(60_000);
    b.claims.onApprovedMessage(heldMessage);
    expect(b.claims.list(null).claims).toMatchObject([{ productTitle: 'Blue T-shirt', variantTitle: 'M / Blue', claimedAt: heldMessage.ts }]);
  });

  it('after End show, a "sold" held for review and approved claims nothing, and the viewer is told why', async () => {
    const b = claimsBench([mug(5)]);
    await b.pin(0);
    b.tick(100);
    const held = b.message('ann', 'sold');
    const heldMore = b.message('ben', 'sold, one more please');
    const chatter = b.message('cat', 'great show');
    b.tick(1000);
    b.claims.showEnded();
    await b.pins.unpin();
    b.tick(60_000);
    for (const m of [held, heldMore, chatter]) b.claims.onApprovedMessage(m);
    expect(b.claims.list(null).claims).toEqual([]);
    expect(b.noticesTo('ann')).toEqual(['The show had ended before your message was approved, so it did not claim anything.']);
    expect(b.noticesTo('cat')).toEqual([]);
    // The next show's claims work as before.
    await b.pin(0);
    expect(b.say('ann', 'sold')).toMatchObject({ status: 'confirmed' });
  });

  it('a message approved twice claims once', async () => {
    const b = claimsBench([mug(5)]);
    await b.pin(0);
    const m = b.message('ann', 'sold');
    b.claims.onApprovedMessage(m);
    b.claims.onApprovedMessage(m);
    expect(b.claims.list(null).claims).toHaveLength(1);
    expect(b.notices).toHaveLength(1);
  });

  it('keeps each viewer within the per-viewer limit (waitlisted claims count); others still claim', async () => {
    const b = claimsBench([mug(1)], { claimLimitPerViewer: 2 });
    await b.pin(0);
    expect(b.say('ann', 'sold')).toMatchObject({ status: 'confirmed' });
    expect(b.say('ann', 'sold')).toMatchObject({ status: 'waitlisted' });
    expect(b.say('ann', 'sold!!')).toBeNull();
    expect(b.noticesTo('ann').at(-1)).toBe("You already have 2 claims on Café Mug — that's the limit per viewer for this show.");
    expect(b.say('ben', 'sold')).toMatchObject({ status: 'waitlisted' });
    // A cancelled claim no longer counts.
    b.claims.cancel(b.claims.list(null).claims[1]!.id, host);
    expect(b.say('ann', 'sold')).toMatchObject({ status: 'waitlisted' });
  });

  it('a claim made during a flash deal pays the deal price; after the deal, the regular one', async () => {
    const b = claimsBench([mug(null)]);
    await b.pin(0);
    await b.deals.startDeal({ price: '9.50', durationSeconds: 60 });
    b.tick(1000);
    const inDeal = b.say('ann', 'sold');
    expect(inDeal).toMatchObject({ pricePaid: '9.50', currency: 'EUR', status: 'confirmed' });
    expect(inDeal!.dealId).toBe(b.deals.currentDeal()!.id);
    b.tick(60_000);
    expect(b.say('ben', 'sold')).toMatchObject({ pricePaid: '12.00', dealId: null });
    // Untracked stock never runs out.
    expect(b.claims.list(null).claims.every((c) => c.status === 'confirmed')).toBe(true);
    expect(b.pins.state().current!.card.stock).toBeNull();
  });
});

describe('cancel and move', () => {
  it('cancelling a confirmed claim confirms the oldest waitlisted one and tells both viewers', async () => {
    const b = claimsBench([mug(1)]);
    await b.pin(0);
    const ann = b.say('ann', 'sold')!;
    const ben = b.say('ben', 'sold')!;
    b.say('cat', 'sold');
    expect(b.noticesTo('cat')).toEqual(["You're on the waitlist for Café Mug: #2 in line. We'll tell you here if one frees up."]);
    b.tick(1000);
    const cancelled = b.claims.cancel(ann.id, host);
    expect(cancelled).toMatchObject({ status: 'cancelled', note: 'Cancelled by host', updatedAt: b.now() });
    expect(b.claims.list(null).claims.find((c) => c.id === ben.id)).toMatchObject({ status: 'confirmed', note: 'Confirmed from the waitlist' });
    expect(statuses(b.claims.list(null).claims)).toEqual([
      ['ann', null, 'cancelled'],
      ['ben', null, 'confirmed'],
      ['cat', null, 'waitlisted'],
    ]);
    expect(b.noticesTo('ann').at(-1)).toBe('Your claim on Café Mug was cancelled by the seller.');
    expect(b.noticesTo('ben').at(-1)).toBe("Good news! Café Mug came free and it's yours — €12.00. The seller will send you checkout details.");
    expect(b.pins.state().current!.card.stock).toBe(0);
  });

  it('a freed variant goes to a product-level waitlisted claim, not to a claim on another sold-out size', async () => {
    const b = claimsBench([blueTee({ S: 1, M: 0, L: 0 })]);
    await b.pin(0);
    const ann = b.say('ann', 'sold S')!;
    const ben = b.say('ben', 'sold L')!;
    const cat = b.say('cat', 'sold')!;
    const dan = b.say('dan', 'sold S')!;
    expect([ann, ben, cat, dan].map((c) => c.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
    b.claims.cancel(ann.id, host);
    const after = new Map(b.claims.list(null).claims.map((c) => [c.viewerId, c.status]));
    expect(Object.fromEntries(after)).toEqual({ ann: 'cancelled', ben: 'waitlisted', cat: 'confirmed', dan: 'waitlisted' });
  });

  it('cancelling a waitlisted claim frees nothing; unknown and cancelled claims are refused in host words', async () => {
    const b = claimsBench([mug(1)]);
    await b.pin(0);
    b.say('ann', 'sold');
    const ben = b.say('ben', 'sold')!;
    b.claims.cancel(ben.id, host);
    expect(statuses(b.claims.list(null).claims)).toEqual([
      ['ann', null, 'confirmed'],
      ['ben', null, 'cancelled'],
    ]);
    expect(() => b.claims.cancel(ben.id, host)).toThrow('That claim is already cancelled.');
    expect(() => b.claims.cancel(9999, host)).toThrow('That claim no longer exists.');
    expect(() => b.claims.move({ claimId: ben.id, productId: b.ids[0]!, variantId: null }, host)).toThrow(/cancelled claim cannot be moved/);
  });

  it('moving a claim re-checks stock on the target and hands the freed unit to the waitlist', async () => {
    const b = claimsBench([blueTee({ S: 1, M: 1, L: 0 }), mug(1)]);
    await b.pin(0, 'S');
    const ann = b.say('ann', 'sold')!;
    const ben = b.say('ben', 'sold S')!;
    expect([ann.status, ben.status]).toEqual(['confirmed', 'waitlisted']);
    b.tick(500);
    const moved = b.claims.move({ claimId: ann.id, productId: b.ids[0]!, variantId: b.variant(0, 'M').id }, host);
    expect(moved).toMatchObject({ variantTitle: 'M / Blue', sku: 'BT-M', pricePaid: '19.99', status: 'confirmed', note: 'Moved from S / Blue', updatedAt: b.now() });
    expect(b.claims.list(null).claims.find((c) => c.id === ben.id)).toMatchObject({ status: 'confirmed', note: 'Confirmed from the waitlist' });
    expect(b.noticesTo('ann').at(-1)).toBe("The seller changed your claim to Blue T-shirt (M / Blue): it's yours — $19.99.");
    // L is sold out: moving there puts the claim on its waitlist.
    const toL = b.claims.move({ claimId: ann.id, productId: b.ids[0]!, variantId: b.variant(0, 'L').id }, host);
    expect(toL).toMatchObject({ status: 'waitlisted', note: 'Moved from M / Blue', pricePaid: '21.50' });
    expect(b.noticesTo('ann').at(-1)).toBe("The seller changed your claim to Blue T-shirt (L / Blue): you're #1 on the waitlist.");
    // To another product: its title, SKU and price come along; the note names what it was.
    const toMug = b.claims.move({ claimId: ann.id, productId: b.ids[1]!, variantId: null }, host);
    expect(toMug).toMatchObject({ productId: b.ids[1], productTitle: 'Café Mug', sku: 'MUG-1', currency: 'EUR', status: 'confirmed', note: 'Moved from Blue T-shirt (L / Blue)' });
  });

  it('refuses a variant of another product', async () => {
    const b = claimsBench();
    await b.pin(1);
    const ann = b.say('ann', 'sold')!;
    expect(() => b.claims.move({ claimId: ann.id, productId: b.ids[1]!, variantId: b.variant(0, 'S').id }, host)).toThrow(
      'That size or colour is not part of Café Mug. Pick one of its own variants.',
    );
    expect(() => b.claims.move({ claimId: 4242, productId: b.ids[1]!, variantId: null }, host)).toThrow('That claim no longer exists.');
  });
});

describe('never oversells', () => {
  type Step =
    | { kind: 'say'; viewer: number; text: string }
    | { kind: 'cancel'; pick: number }
    | { kind: 'move'; pick: number; variant: number | null };
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('say' as const), viewer: fc.nat(6), text: fc.constantFrom('sold', 'sold S', 'claim M', 'L sold', 'mine', 'sold blue M') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), variant: fc.option(fc.nat(2), { nil: null }) }) },
  );
  const stock = fc.option(fc.nat(3), { nil: null });

  it('confirmed claims never exceed a variant’s or the product’s stock, and nothing that fits stays waitlisted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ S: stock, M: stock, L: stock }), fc.array(step, { maxLength: 40 }), async (units, steps) => {
        const b = claimsBench([blueTee(units)]);
        await b.pin(0);
        const variants = b.product(0).variants;
        for (const s of steps) {
          b.tick(7);
          const all = b.claims.list(null).claims;
          const live = all.filter((c) => c.status !== 'cancelled');
          if (s.kind === 'say') b.say(`viewer-${s.viewer}`, s.text);
          else if (s.kind === 'cancel' && live.length > 0) b.claims.cancel(live[s.pick % live.length]!.id, host);
          else if (s.kind === 'move' && live.length > 0) {
            b.claims.move({ claimId: live[s.pick % live.length]!.id, productId: b.ids[0]!, variantId: s.variant === null ? null : variants[s.variant]!.id }, host);
          }
          const claims = b.claims.list(null).claims;
          const confirmed = claims.filter((c) => c.status === 'confirmed');
          for (const v of variants) {
            if (v.stock !== null) expect(confirmed.filter((c) => c.variantId === v.id).length).toBeLessThanOrEqual(v.stock);
          }
          const tracked = variants.every((v) => v.stock !== null);
          if (tracked) expect(confirmed.length).toBeLessThanOrEqual(variants.reduce((n, v) => n + v.stock!, 0));
          // A waitlisted claim exists only where its unit is really gone.
          for (const w of claims.filter((c) => c.status === 'waitlisted')) {
            const left = b.claims.stockLeft(b.showId, b.ids[0]!, w.variantId, 1);
            expect(left, `${w.viewerId} "${w.text}" waits while ${String(left)} left`).toBe(0);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('two hundred viewers racing for five units: exactly five confirmed, in arrival order', async () => {
    const b = claimsBench([mug(5)]);
    await b.pin(0);
    for (let i = 0; i < 200; i++) b.say(`viewer-${i}`, i % 2 ? 'sold' : 'mine!');
    const claims = b.claims.list(null).claims;
    expect(claims.filter((c) => c.status === 'confirmed').map((c) => c.viewerId)).toEqual(['viewer-0', 'viewer-1', 'viewer-2', 'viewer-3', 'viewer-4']);
    expect(claims.filter((c) => c.status === 'waitlisted')).toHaveLength(195);
    expect(b.pins.state().current!.card.stock).toBe(0);
  });
});

describe('claims CSV', () => {
  it('one row per confirmed claim (all with `all`), quoted, guarded against formulas, with a BOM and CRLF', async () => {
    const b = claimsBench([blueTee({ S: 1 }), mug(1)]);
    await b.pin(0, 'S');
    b.say('ann', 'sold', { name: '=HYPERLINK("https://evil.example","Click")' });
    b.say('ben', 'sold', { name: 'Zoë, "the buyer"' });
    await b.pin(1);
    b.say('cat', 'mío', { name: '+1 Café' });
    // Contacts the viewers gave: a handle starts with "@", which a spreadsheet would run; the guard keeps it text.
    b.claims.viewers.saveContact('ann', '@ann.shop');
    b.claims.viewers.saveContact('cat', 'cat@example.com');
    const file = b.claims.exportCsv({ showId: null, all: false });
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.fileName).toBe(`claims-spring-drop-tees-mugs-${new Date(b.now()).toISOString().slice(0, 10)}.csv`);
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    const lines = file.content.slice(1).split('\r\n');
    const claims = b.claims.list(null).claims;
    const at = new Date(b.now()).toISOString();
    expect(lines).toEqual([
      'Viewer,Contact,Product,SKU,Variant,Price paid,Currency,Status,Claimed at,Chat message,Auction,Claim id',
      `"'=HYPERLINK(""https://evil.example"",""Click"")",'@ann.shop,Blue T-shirt,BT-S,S / Blue,19.99,USD,confirmed,${at},sold,,${claims[0]!.id}`,
      `'+1 Café,cat@example.com,Café Mug,MUG-1,,12.00,EUR,confirmed,${at},mío,,${claims[2]!.id}`,
      '',
    ]);
    const all = b.claims.exportCsv({ showId: b.showId, all: true }).content.split('\r\n');
    expect(all).toHaveLength(5);
    expect(all[2]).toContain('"Zoë, ""the buyer""",,Blue T-shirt,BT-S,S / Blue,19.99,USD,waitlisted');
  });

  it('without a show the file is still named by the day', () => {
    const b = claimsBench();
    expect(b.claims.exportCsv({ showId: 424242, all: true })).toMatchObject({
      fileName: `claims-${new Date(b.now()).toISOString().slice(0, 10)}.csv`,
      content: '\uFEFFViewer,Contact,Product,SKU,Variant,Price paid,Currency,Status,Claimed at,Chat message,Auction,Claim id\r\n',
    });
  });
});

describe('claim queries', () => {
  it('use the claims indexes, without sorting', () => {
    const b = claimsBench();
    const plan = (sql: string, ...params: unknown[]) => queryPlan(b.db, sql, ...params);
    expect(plan(CLAIM_QUERIES.ofShow, 1)).toMatch(/USING INDEX claims_by_show/);
    expect(plan(CLAIM_QUERIES.confirmed, 1, 1, null, null, 0)).toMatch(/USING INDEX claims_by_product/);
    expect(plan(CLAIM_QUERIES.confirmedByVariant, 1, 1, 0)).toMatch(/USING INDEX claims_by_product/);
    expect(plan(CLAIM_QUERIES.waitlist, 1, 1)).toMatch(/USING INDEX claims_by_product/);
    expect(plan(CLAIM_QUERIES.ofViewer, 1, 'v', 1)).toMatch(/USING INDEX claims_by_viewer/);
    expect(plan(CLAIM_QUERIES.waitlistAhead, 1, 1, 5, null, null)).toMatch(/USING INDEX claims_by_product/);
    expect(plan(CLAIM_QUERIES.ofBuyer, 1, 'v', 100)).toMatch(/USING INDEX claims_of_buyer/);
    expect(plan(CLAIM_QUERIES.buyers, 1)).toMatch(/USING COVERING INDEX claims_of_buyer/);
    expect(plan(CLAIM_QUERIES.ofShow, 1) + plan(CLAIM_QUERIES.waitlist, 1, 1) + plan(CLAIM_QUERIES.ofBuyer, 1, 'v', 100) + plan(CLAIM_QUERIES.buyers, 1)).not.toMatch(
      /TEMP B-TREE/,
    );
    // Each claim's contact is one look-up by the viewer's id.
    expect(plan(CLAIM_QUERIES.ofShow, 1)).toMatch(/buyer_contacts USING (INDEX|PRIMARY KEY)/);
  });
});
