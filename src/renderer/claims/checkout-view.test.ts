import { describe, expect, it } from 'vitest';
import { checkoutSendText, checkoutStatusText, notSentLines } from './checkout-view.js';

const buyer = { viewerId: 'v_1', viewerName: 'Anna', confirmed: 2, unsent: 2, lastSentAt: null, notSent: [] };
const at = () => '14:02';

describe('checkout links in the Claims tab', () => {
  it('says per buyer whether a link was sent, and when, and what is new since', () => {
    expect(checkoutStatusText(buyer, at)).toBe('Not sent');
    expect(checkoutStatusText({ ...buyer, unsent: 0, lastSentAt: 1 }, at)).toBe('Link sent 14:02');
    expect(checkoutStatusText({ ...buyer, unsent: 1, lastSentAt: 1 }, at)).toBe('Link sent 14:02 · 1 new not sent');
  });

  it('tells the host what a send did, and which items had no link and why', () => {
    expect(checkoutSendText({ buyers: 0, items: 0, notLinked: [] })).toEqual({ kind: 'ok', text: 'Everyone already has a link for their confirmed claims.' });
    expect(checkoutSendText({ buyers: 1, items: 2, notLinked: [] }).text).toBe(
      'Sent checkout links to 1 buyer (2 items): they see them under My claims on the watch page.',
    );
    const missing = checkoutSendText({ buyers: 2, items: 3, notLinked: [{ viewerName: 'Ben', item: 'Mug', reason: 'This product has no Buy link.' }] });
    expect(missing).toEqual({
      kind: 'error',
      text: 'Sent checkout links to 2 buyers (3 items): they see them under My claims on the watch page. 1 item not sent: Ben — Mug: This product has no Buy link.',
    });
  });

  it('shows per buyer what the last send held back, with why', () => {
    expect(notSentLines(buyer)).toEqual([]);
    const held = { ...buyer, notSent: [{ item: 'Mug', reason: 'claimed at $15.00 (flash deal) — the store would charge $25.00: send this buyer a discount or a draft order.' }] };
    expect(notSentLines(held)).toEqual(['Not sent — Mug: claimed at $15.00 (flash deal) — the store would charge $25.00: send this buyer a discount or a draft order.']);
  });
});
