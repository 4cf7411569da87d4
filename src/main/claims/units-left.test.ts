/**
 * One number of units left per product and variant (issue 15: a show once
 * read 19, 17, 16 and "In stock" for the same product): the stock imported
 * minus the show's confirmed claims, from the StockLedger alone, on the
 * pinned card, in the Claims tab's list and on the rundown's product rows,
 * each pushed again when a claim, a cancel, a move or an import changes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../shared/domain/chat.js';
import type { RundownState } from '../../shared/domain/rundown.js';
import type { ClaimsState } from '../../shared/domain/selling.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { blueTee, claimsBench, host, mug } from '../../../tests/support/claims-world.js';
import { tempDir } from '../../../tests/support/temp-dir.js';

describe('the Claims tab lists the ledger’s units left', () => {
  it('per product and variant, after claims and a cancel, equal to what the pinned card shows', async () => {
    const b = claimsBench([blueTee({ S: 2, M: 3, L: 1 }), mug(null)]);
    await b.pin(0);
    expect(b.pins.state().current!.card.stock).toBe(6);
    b.say('ann', 'sold M');
    const bens = b.say('ben', 'sold S')!;
    b.say('ann', 'claim M');
    expect(b.claims.list(null).stock).toEqual([
      {
        productId: b.ids[0],
        title: 'Blue T-shirt',
        left: 3,
        variants: [
          { variantId: b.variant(0, 'S').id, title: 'S / Blue', left: 1 },
          { variantId: b.variant(0, 'M').id, title: 'M / Blue', left: 1 },
          { variantId: b.variant(0, 'L').id, title: 'L / Blue', left: 1 },
        ],
      },
    ]);
    expect(b.pins.state().current!.card.stock).toBe(3);

    b.claims.cancel(bens.id, host);
    const after = b.claims.list(null).stock[0]!;
    expect(after.left).toBe(4);
    expect(after.variants.map((v) => v.left)).toEqual([2, 1, 1]);
    expect(b.pins.state().current!.card.stock).toBe(4);
    // The panel's event carries the same numbers.
    await vi.waitFor(() => expect(b.claimEvents.at(-1)!.stock[0]!.left).toBe(4));

    // Pinned as one variant, the card shows that variant's number from the same list.
    await b.pin(0, 'S');
    expect(b.pins.state().current!.card.stock).toBe(after.variants[0]!.left);
  });

  it('a variant never shows more than the product has left; untracked stock stays untracked', async () => {
    const b = claimsBench([blueTee({ S: 1, M: 1, L: 0 }), mug(null)]);
    await b.pin(0);
    b.say('ann', 'sold blue'); // fits every size: a product-level unit
    const [tee] = b.claims.list(null).stock;
    expect(tee).toMatchObject({ left: 1, variants: [{ left: 1 }, { left: 1 }, { left: 0 }] });
    await b.pin(1);
    b.say('ben', 'sold');
    expect(b.claims.list(null).stock[1]).toMatchObject({ title: 'Café Mug', left: null, variants: [{ left: null }] });
  });
});

describe('with the whole studio', () => {
  let s: TestStudio | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  const lastOf = <T,>(studio: TestStudio, channel: string) => () =>
    studio.events.filter((e) => e.channel === `studio:event:${channel}`).at(-1)?.payload as T | undefined;

  it('the rundown row, the pinned card and the Claims tab follow claims, a cancel and a re-import, with one number', async () => {
    s = await startTestStudio(tempDir());
    const studio = s;
    const [row] = studio.addProducts({
      sourceKey: 'linen-shirt',
      title: 'Linen Shirt',
      optionNames: ['Size'],
      variants: [
        { sku: 'LINEN-S', optionValues: ['S'], price: '35.00', stock: 5 },
        { sku: 'LINEN-M', optionValues: ['M'], price: '35.00', stock: 15 },
      ],
    });
    const show = await studio.call<{ id: number }>('studio:rundown:create-show', { name: 'First show', scheduledStart: null });
    await studio.call('studio:rundown:add-items', { showId: show.id, items: [{ kind: 'product', productId: row!.productId, variantId: null }] });
    await studio.call('studio:rundown:set-active-show', { showId: show.id });
    await studio.call('studio:live:pin', { productId: row!.productId, variantId: null, rundownItemId: null });

    const rundownLeft = () => lastOf<RundownState>(studio, 'rundown-changed')()?.items[0]?.product?.stock;
    const claimsLeft = () => lastOf<ClaimsState>(studio, 'claims-changed')()?.stock[0]?.left;
    const cardLeft = () => studio.core.pins.state().current?.card.stock;
    const everywhere = (n: number) => until(() => [rundownLeft(), cardLeft(), claimsLeft()], (v) => v.every((x) => x === n), `${n} left everywhere`);
    expect(rundownLeft()).toBe(20);
    expect(cardLeft()).toBe(20);

    let n = 0;
    const say = (viewerId: string, text: string) => {
      const message: ChatMessage = {
        id: `m-${++n}`,
        showId: show.id,
        viewerId,
        name: viewerId,
        role: 'viewer',
        text,
        ts: Date.now(),
        status: 'approved',
        reasons: [],
        question: false,
        decidedBy: 'auto',
        decidedAt: Date.now(),
      };
      studio.core.claims.onApprovedMessage(message);
      return studio.core.claims.list(null).claims.find((c) => c.messageId === message.id)!;
    };
    say('ann', 'sold M');
    const bens = say('ben', 'sold S');
    say('ann', 'claim M');
    await everywhere(17);
    await studio.call('studio:selling:cancel-claim', { claimId: bens.id });
    await everywhere(18);

    // The store's new stock arrives by import: every screen starts from it, minus the show's claims.
    const file = path.join(tempDir(), 'restock.csv');
    fs.writeFileSync(
      file,
      [
        'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price',
        'linen-shirt,Linen Shirt,Size,S,LINEN-S,10,35.00',
        'linen-shirt,,,M,LINEN-M,30,35.00',
      ].join('\n'),
    );
    await studio.call('studio:catalog:start-import', { source: { kind: 'path', path: file }, format: 'auto' });
    await everywhere(38);
  });
});
