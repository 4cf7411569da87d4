/**
 * Many viewers who bid, as the watch page does it: each joins with a display
 * name and its own viewer key, from a loopback address shared by a few (the
 * SFU caps connections, chat and bids per address, as real viewers come from
 * many networks). For the auction flow test and bench/auction.ts. A harness:
 * no vitest here.
 */
import type { AuctionView, SellNotice } from '../../src/shared/sfu/protocol-selling.js';
import { TestSignalClient } from './signal-client.js';

export interface Bidder {
  readonly client: TestSignalClient;
  readonly viewerId: string;
  readonly name: string;
}

/** Joins `count` named viewers, `perAddress` to a loopback address (127.0.0.2, .3, …), `parallel` at a time. */
export async function joinBidders(
  signalUrl: string,
  room: string,
  count: number,
  options: { readonly prefix?: string; readonly perAddress?: number; readonly parallel?: number } = {},
): Promise<Bidder[]> {
  const { prefix = 'Bidder', perAddress = 10, parallel = 25 } = options;
  const bidders: Bidder[] = [];
  for (let first = 0; first < count; first += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - first) }, async (_, k) => {
      const i = first + k;
      const address = `127.0.${Math.floor(i / perAddress / 250)}.${2 + (Math.floor(i / perAddress) % 250)}`;
      const client = await TestSignalClient.connect({ signalUrl }, {}, address);
      const joined = await client.requests.request({ type: 'join', show: room, role: 'viewer', name: `${prefix} ${i + 1}`, viewerKey: `${prefix}-key-${i + 1}-xxxxxxxx` });
      if (!joined.chat?.name) throw new Error(`${prefix} ${i + 1} joined without a name`);
      return { client, viewerId: joined.chat.viewerId, name: joined.chat.name };
    });
    bidders.push(...(await Promise.all(batch)));
  }
  return bidders;
}

/** A bid from the page's Bid button (or a maximum); resolves with the SFU's stamp once it was forwarded to the studio. */
export async function bid(bidder: Bidder, auctionId: number, amount: string, kind: 'bid' | 'maxBid' = 'bid'): Promise<number> {
  const reply = await bidder.client.requests.request({ type: 'sellAction', action: { kind, auctionId, amount } });
  return reply.ts;
}

/** The auction in the last sellState this viewer received (undefined: none yet). */
export function lastAuction(bidder: Bidder): AuctionView | null | undefined {
  const pushes = bidder.client.pushes('sellState');
  return pushes.length === 0 ? undefined : (pushes.at(-1)!.state.auction ?? null);
}

/** The private lines this viewer got about bids, in order. */
export function bidNotices(bidder: Bidder): Extract<SellNotice, { kind: 'bid' }>[] {
  return bidder.client
    .pushes('sellNotice')
    .map((p) => p.notice)
    .filter((n): n is Extract<SellNotice, { kind: 'bid' }> => n.kind === 'bid');
}
