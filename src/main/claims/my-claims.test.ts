/**
 * Buyers keep track of what they claimed (issue 15): "one more" from a
 * viewer who already claimed, each buyer's own "My claims" list sent
 * privately whenever one of their claims changes (or they come back), and
 * the contact they give for the seller — stored per viewer, shown to the
 * host, never to other viewers, never logged.
 */
import { describe, expect, it, vi } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { blueTee, claimsBench, host, mug } from '../../../tests/support/claims-world.js';
import { MY_CLAIMS_MAX_BYTES } from '../../shared/sfu/protocol-claims.js';

describe('"one more" from a viewer who already claimed', () => {
  it('claims another of the same unit while the per-viewer limit allows, then says the limit', async () => {
    const b = claimsBench([blueTee({ M: 5 }), mug(3)], { claimLimitPerViewer: 2 });
    await b.pin(0);
    b.say('ann', 'sold M');
    const more = b.say('ann', 'sold, one more please');
    expect(more).toMatchObject({ variantTitle: 'M / Blue', status: 'confirmed', pricePaid: '19.99', text: 'sold, one more please' });
    expect(b.noticesTo('ann')[1]).toBe('You got it! Blue T-shirt, M / Blue — $19.99. The seller will send you checkout details.');
    expect(b.say('ann', 'another one please')).toBeNull();
    expect(b.noticesTo('ann').at(-1)).toBe("You've reached the limit of 2 per buyer for Blue T-shirt.");
    expect(b.claims.list(null).claims.filter((c) => c.viewerId === 'ann')).toHaveLength(2);
    expect(b.pins.state().current!.card.stock).toBe(5); // S 1 + M 3 + L 1
  });

  it('takes "2 more" as two units, as far as the limit goes; waitlists what is not in stock', async () => {
    const b = claimsBench([blueTee({ M: 2 }), mug(1)], { claimLimitPerViewer: 3 });
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    b.say('ann', '2 more');
    const anns = b.claims.list(null).claims.filter((c) => c.viewerId === 'ann');
    expect(anns.map((c) => [c.variantTitle, c.status])).toEqual([
      ['M / Blue', 'confirmed'],
      ['M / Blue', 'confirmed'],
      ['M / Blue', 'waitlisted'],
    ]);
    // Each unit is its own claim (the host can cancel one), all from the one message.
    expect(new Set(anns.map((c) => c.messageId)).size).toBe(3);
    b.say('ben', 'sold');
    await b.pin(1);
    b.say('ben', 'sold');
    b.say('ben', '5 more');
    expect(b.claims.list(null).claims.filter((c) => c.viewerId === 'ben' && c.productTitle === 'Café Mug')).toHaveLength(3);
    expect(b.noticesTo('ben').at(-1)).toBe("You've reached the limit of 3 per buyer for Café Mug.");
  });

  it('answers privately how to claim when there is nothing to add to; "one more question" is no claim at all', async () => {
    const b = claimsBench();
    b.say('ann', 'one more');
    expect(b.noticesTo('ann')).toEqual(['Type "sold" while a product is pinned to claim it.']);
    await b.pin(1);
    b.say('ben', 'another one please');
    expect(b.noticesTo('ben')).toEqual(['You have no claim on Café Mug yet. Type "sold" to claim it.']);
    b.say('cat', 'sold');
    b.say('cat', 'one more question');
    b.say('cat', 'one more?');
    expect(b.claims.list(null).claims.filter((c) => c.viewerId === 'cat')).toHaveLength(1);
    expect(b.noticesTo('cat')).toHaveLength(1);
    // A cancelled claim is nothing to add to.
    b.claims.cancel(b.claims.list(null).claims[0]!.id, host);
    b.say('cat', 'one more');
    expect(b.noticesTo('cat').at(-1)).toBe('You have no claim on Café Mug yet. Type "sold" to claim it.');
  });

  it('"omg another one" from a buyer is a cheer, not a unit; "I’ll take another" is', async () => {
    const b = claimsBench([blueTee({ M: 5 })]);
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    expect(b.say('ann', 'omg another one')).toBeNull();
    expect(b.say('ann', 'wow otro')).toBeNull();
    expect(b.claims.list(null).claims).toHaveLength(1);
    expect(b.noticesTo('ann')).toHaveLength(1); // only the first claim's
    expect(b.say('ann', "I'll take another")).toMatchObject({ variantTitle: 'M / Blue', status: 'confirmed' });
  });

  it('a "one more" approved twice claims once', async () => {
    const b = claimsBench([blueTee({ S: 5 })]);
    await b.pin(0, 'S');
    b.say('ann', 'sold');
    const message = b.message('ann', 'one more');
    b.claims.onApprovedMessage(message);
    b.claims.onApprovedMessage(message);
    expect(b.claims.list(null).claims).toHaveLength(2);
  });
});

describe('each buyer’s "My claims"', () => {
  it('is sent to that buyer after each change: claimed, waitlist place, confirmed, cancelled or moved by the seller', async () => {
    const b = claimsBench([blueTee({ S: 1, M: 1, L: 1 }), mug(1)]);
    await b.pin(1);
    const anns = b.say('ann', 'sold')!;
    b.say('ben', 'mine');
    b.say('cat', 'sold please');
    expect(b.listOf('ann')).toEqual({
      claims: [
        {
          id: anns.id,
          product: 'Café Mug',
          variant: null,
          price: '12.00',
          currency: 'EUR',
          status: 'confirmed',
          waitlistPlace: null,
          bySeller: null,
          claimedAt: anns.claimedAt,
        },
      ],
      contact: null,
    });
    expect(b.listOf('ben')!.claims).toMatchObject([{ status: 'waitlisted', waitlistPlace: 1 }]);
    expect(b.listOf('cat')!.claims).toMatchObject([{ status: 'waitlisted', waitlistPlace: 2 }]);
    // Private: a list only ever holds its own viewer's claims.
    const owner = new Map(b.claims.list(null).claims.map((c) => [c.id, c.viewerId]));
    for (const { viewerId, list } of b.viewerLists) for (const c of list.claims) expect(owner.get(c.id)).toBe(viewerId);

    // The seller cancels Ann's mug: Ann sees it cancelled, Ben gets it, Cat moves up to #1.
    b.claims.cancel(anns.id, host);
    expect(b.listOf('ann')!.claims).toMatchObject([{ status: 'cancelled', bySeller: 'cancelled' }]);
    expect(b.listOf('ben')!.claims).toMatchObject([{ status: 'confirmed', waitlistPlace: null }]);
    expect(b.listOf('cat')!.claims).toMatchObject([{ status: 'waitlisted', waitlistPlace: 1 }]);

    // The seller moves Cat to the T-shirt in M: confirmed there, marked as the seller's change.
    const cats = b.claims.list(null).claims.find((c) => c.viewerId === 'cat')!;
    b.claims.move({ claimId: cats.id, productId: b.ids[0]!, variantId: b.variant(0, 'M').id }, host);
    expect(b.listOf('cat')!.claims).toMatchObject([{ product: 'Blue T-shirt', variant: 'M / Blue', status: 'confirmed', bySeller: 'moved', price: '19.99' }]);
    // Newest first.
    await b.pin(0, 'S');
    b.say('cat', 'sold');
    expect(b.listOf('cat')!.claims.map((c) => c.variant)).toEqual(['S / Blue', 'M / Blue']);
  });

  it('is sent again when the buyer comes back (a reload), and to every buyer when the studio’s link rejoins', async () => {
    const b = claimsBench();
    await b.pin(1);
    b.say('ann', 'sold');
    b.say('ben', 'sold');
    b.viewerLists.length = 0;
    b.claims.viewers.viewerJoined('ann');
    b.claims.viewers.viewerJoined('dan'); // no claim, no contact: nothing to send
    expect(b.viewerLists.map((l) => l.viewerId)).toEqual(['ann']);
    // Dan gave a contact at an earlier show (contacts are per viewer) and has no claim in this one.
    b.db.prepare("INSERT INTO buyer_contacts (viewer_id, contact, updated_at) VALUES ('dan', '@dan', 1)").run();
    b.viewerLists.length = 0;
    b.claims.viewers.viewerJoined('dan'); // a contact alone: sent, so the page does not ask again
    expect(b.viewerLists).toEqual([{ viewerId: 'dan', list: { claims: [], contact: '@dan' } }]);
    b.viewerLists.length = 0;
    b.claims.viewers.everyone();
    expect(b.viewerLists.map((l) => l.viewerId).sort()).toEqual(['ann', 'ben']);
  });
});

describe('a long "My claims" list', () => {
  it('keeps the newest claims that fit one frame well inside the SFU’s 64 KB, even with long non-Latin titles', async () => {
    const long = (text: string, n: number) => text.repeat(Math.ceil(n / text.length)).slice(0, n);
    const jacket = importedProduct({
      sourceKey: 'jacket',
      title: long('限定版手作り刺繍ジャケット', 140),
      optionNames: ['サイズ', '色'],
      currency: 'JPY',
      variants: [{ sku: 'J-1', optionValues: [long('特大', 39), long('深い藍色', 39)], price: '12800', stock: null }],
    });
    const b = claimsBench([jacket]);
    await b.pin(0);
    const made = Array.from({ length: 100 }, () => b.say('ann', 'sold')!);
    const list = b.listOf('ann')!;
    const frame = JSON.stringify({ type: 'viewerClaims', requestId: 123_456, viewerId: 'ann', claims: list.claims, contact: list.contact });
    expect(Buffer.byteLength(frame, 'utf8')).toBeLessThanOrEqual(MY_CLAIMS_MAX_BYTES);
    // The newest ones, newest first, as many as fit (most of them), never none.
    expect(list.claims.length).toBeGreaterThan(40);
    expect(list.claims.length).toBeLessThan(100);
    expect(list.claims.map((c) => c.id)).toEqual(made.slice(-list.claims.length).reverse().map((c) => c.id));
    expect(list.claims[0]!.product).toMatch(/^限定版手作り刺繍ジャケット/);
  });
});

describe('every buyer’s list again when the studio’s link rejoins', () => {
  it('goes out 100 at a time each half second, under the SFU’s budget for lists, however many buyers there are', async () => {
    const b = claimsBench([mug(null)]);
    await b.pin(0);
    for (let i = 0; i < 250; i++) b.say(`buyer-${i}`, 'sold');
    b.viewerLists.length = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      b.claims.viewers.everyone();
      expect(b.viewerLists).toHaveLength(100);
      vi.advanceTimersByTime(499);
      expect(b.viewerLists).toHaveLength(100);
      vi.advanceTimersByTime(1);
      expect(b.viewerLists).toHaveLength(200);
      // Another rejoin meanwhile starts over rather than adding a second burst.
      b.claims.viewers.everyone();
      expect(b.viewerLists).toHaveLength(300);
      vi.advanceTimersByTime(1000);
      expect(b.viewerLists).toHaveLength(450);
      vi.advanceTimersByTime(5000);
      expect(b.viewerLists).toHaveLength(450);
      expect(new Set(b.viewerLists.slice(200).map((l) => l.viewerId)).size).toBe(250);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the buyer’s contact for the seller', () => {
  it('is checked, stored per viewer, sent back to that viewer and shown to the host', async () => {
    const b = claimsBench();
    await b.pin(1);
    b.say('ann', 'sold');
    b.claims.viewers.saveContact('ann', '  Ann.Smith@Example.COM ');
    expect(b.listOf('ann')!.contact).toBe('Ann.Smith@example.com');
    expect(b.claims.list(null).claims[0]!.contact).toBe('Ann.Smith@example.com');
    await vi.waitFor(() => expect(b.claimEvents.at(-1)!.claims[0]!.contact).toBe('Ann.Smith@example.com'));
    // A new one replaces it.
    b.claims.viewers.saveContact('ann', '@ann.shop');
    expect(b.claims.list(null).claims[0]!.contact).toBe('@ann.shop');
  });

  it('refuses what is not an e-mail or an @handle, telling only that viewer why', async () => {
    const b = claimsBench();
    await b.pin(1);
    b.say('ann', 'sold');
    const before = b.viewerLists.length;
    b.claims.viewers.saveContact('ann', '<b>ann</b>@example.com');
    expect(b.noticesTo('ann').at(-1)).toMatch(/^That doesn’t look like an e-mail address\. Type an e-mail/);
    // Her list again, with the contact the studio keeps (none): the page stops showing the typed one as being sent.
    expect(b.viewerLists).toHaveLength(before + 1);
    expect(b.listOf('ann')!.contact).toBeNull();
    expect(b.claims.list(null).claims[0]!.contact).toBeNull();
  });

  it('is kept only from a viewer with a claim in the show; anyone else hears to claim first', async () => {
    const b = claimsBench();
    await b.pin(1);
    b.claims.viewers.saveContact('eve', 'eve@example.com');
    expect(b.noticesTo('eve')).toEqual(['Claim something first; then you can tell the seller how to reach you.']);
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM buyer_contacts').get()).toEqual({ n: 0 });
    expect(b.listOf('eve')).toEqual({ claims: [], contact: null });
    // Once she claims, it is kept.
    b.say('eve', 'sold');
    b.claims.viewers.saveContact('eve', 'eve@example.com');
    expect(b.listOf('eve')!.contact).toBe('eve@example.com');
  });

  it('never reaches the log, even when it cannot be stored', async () => {
    const b = claimsBench();
    await b.pin(1);
    b.say('ann', 'sold');
    b.db.prepare('DROP TABLE buyer_contacts').run();
    b.claims.viewers.saveContact('ann', 'ann.private@example.com');
    expect(b.logs.join('\n')).toContain('the contact of viewer ann could not be saved');
    expect(b.logs.join('\n')).not.toContain('ann.private');
  });
});
