import type { BuyerCheckout, CheckoutSendResult } from '../../shared/domain/checkout.js';

/** How the Claims tab words checkout links (pure: tested in Node). */

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Link sent 14:02", "Not sent", "Link sent 14:02 · 1 new not sent". */
export function checkoutStatusText(buyer: BuyerCheckout, format: (epochMs: number) => string = (t) => TIME.format(t)): string {
  if (buyer.lastSentAt === null) return 'Not sent';
  const sent = `Link sent ${format(buyer.lastSentAt)}`;
  return buyer.unsent > 0 ? `${sent} · ${buyer.unsent.toLocaleString()} new not sent` : sent;
}

/** What the last send held back for a buyer, one line per item: "Not sent — Mug: claimed at $15.00 (flash deal) — …". */
export function notSentLines(buyer: BuyerCheckout): string[] {
  return buyer.notSent.map((n) => `Not sent — ${n.item}: ${n.reason}`);
}

/** What a send did, in the host's words. */
export function checkoutSendText(result: CheckoutSendResult): { kind: 'ok' | 'error'; text: string } {
  const missing = result.notLinked.map((m) => `${m.viewerName} — ${m.item}: ${m.reason}`);
  if (result.buyers === 0 && missing.length === 0) return { kind: 'ok', text: 'Everyone already has a link for their confirmed claims.' };
  const sent =
    result.buyers === 0
      ? 'No link was sent.'
      : `Sent checkout links to ${plural(result.buyers, 'buyer')} (${plural(result.items, 'item')}): they see them under My claims on the watch page.`;
  if (missing.length === 0) return { kind: 'ok', text: sent };
  const shown = missing.slice(0, 3).join(' ');
  const more = missing.length > 3 ? ` And ${missing.length - 3} more.` : '';
  return { kind: 'error', text: `${sent} ${plural(missing.length, 'item')} not sent: ${shown}${more}` };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${n === 1 ? word : `${word}s`}`;
}
