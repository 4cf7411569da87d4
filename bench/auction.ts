/**
 * Auctions, Node side: the whole studio core with its built-in SFU (real
 * mediasoup worker), loopback only, and viewers speaking the protocol as the
 * watch page does (a display name, a viewer key; a few per loopback address,
 * 127.0.0.2, .3, …, as the SFU caps connections and bids per address).
 *
 *  (a) bid → every viewer's page updated: a viewer's `sellAction` leaving its
 *      socket → the SFU (checks, stamp) → main's link → the engine → SQLite
 *      (the tick's transaction, WAL on disk) → the SellBoard → `sellState` →
 *      the SFU's broadcast → the LAST of the viewer sockets holding the state
 *      that carries that bid. One bid at a time, rotating over the viewers,
 *      at least 60 ms apart: a quiet spell, so the board sends at once (in a
 *      bidding war it sends the latest state at most every 50 ms).
 *  (b) bids decided per second: every bidder presses Bid as fast as the
 *      SFU's per-connection burst allows (10 each), all at once, on one
 *      auction; from the first send to every forwarded bid stored in
 *      auction_bids (decided: accepted or refused). Nothing lost: the
 *      stored inputs are counted against the bids the SFU forwarded.
 *
 * Run alone: npx tsx bench/auction.ts [--bids 200] [--viewers 100] [--bidders 1000] [--burst 10]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { Result } from '../src/shared/api/result.js';
import type { AuctionsState } from '../src/shared/domain/auctions.js';
import type { AuctionView } from '../src/shared/sfu/protocol-selling.js';
import { importedProduct } from '../tests/harness/imported-products.js';
import type { Latency } from './catalog.js';
import { startBenchStudio, type BenchStudio } from './bench-studio.js';

export interface AuctionBenchResult {
  /** A bid sent → the last of `viewers` sockets has the state with it. */
  readonly toEveryViewer: Latency;
  /** A bid sent → its bidder's private notice ("You're winning at …"). */
  readonly toNotice: Latency;
  readonly viewers: number;
  readonly bidders: number;
  /** Bids the SFU forwarded to the studio in the burst (refused by its rate limits: not sent). */
  readonly sent: number;
  /** Of those, stored in auction_bids (decided). */
  readonly stored: number;
  /** First send → every forwarded bid stored. */
  readonly decidedMs: number;
  readonly decidedPerSecond: number;
}

const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
};

interface Frame {
  type: string;
  requestId?: number;
  ok?: boolean;
  state?: { auction: AuctionView | null };
  notice?: { kind: string; outcome: string; amount: string | null };
}

/** A protocol-speaking viewer with a name: bids, and reports when a state or a notice it waits for arrives. */
async function viewer(signalUrl: string, room: string, i: number, perAddress: number) {
  const localAddress = `127.0.${Math.floor(i / perAddress / 250)}.${2 + (Math.floor(i / perAddress) % 250)}`;
  const ws = new WebSocket(signalUrl, { localAddress });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const replies = new Map<number, (ok: boolean) => void>();
  let auction: AuctionView | null = null;
  let stateWaiter: { check: (a: AuctionView) => boolean; resolve: (at: number) => void } | null = null;
  let noticeWaiter: { amount: string; resolve: (at: number) => void } | null = null;
  let nextId = 1;
  ws.on('message', (data) => {
    const at = performance.now();
    const m = JSON.parse(data.toString()) as Frame;
    if (m.type === 'reply' && m.requestId !== undefined) {
      replies.get(m.requestId)?.(m.ok !== false);
      replies.delete(m.requestId);
    } else if (m.type === 'error' && m.requestId !== undefined) {
      replies.get(m.requestId)?.(false);
      replies.delete(m.requestId);
    } else if (m.type === 'sellState' && m.state?.auction) {
      auction = m.state.auction;
      if (stateWaiter?.check(auction)) {
        stateWaiter.resolve(at);
        stateWaiter = null;
      }
    } else if (m.type === 'sellNotice' && m.notice?.kind === 'bid' && noticeWaiter && m.notice.amount === noticeWaiter.amount) {
      noticeWaiter.resolve(at);
      noticeWaiter = null;
    }
  });
  const request = (body: object) => {
    const requestId = nextId++;
    const answered = new Promise<boolean>((resolve) => replies.set(requestId, resolve));
    ws.send(JSON.stringify({ ...body, requestId }));
    return answered;
  };
  const joined = await request({ type: 'join', show: room, role: 'viewer', name: `Bidder ${i + 1}`, viewerKey: `bench-bidder-key-${i + 1}` });
  if (!joined) throw new Error(`Bidder ${i + 1} could not join`);
  return {
    auction: () => auction,
    bid: (auctionId: number, amount: string) => request({ type: 'sellAction', action: { kind: 'bid', auctionId, amount } }),
    /** Resolves with the arrival time of the first state (already held or next) that passes `check`. */
    state(check: (a: AuctionView) => boolean): Promise<number> {
      if (auction && check(auction)) return Promise.resolve(performance.now());
      return new Promise((resolve) => (stateWaiter = { check, resolve }));
    },
    notice: (amount: string) => new Promise<number>((resolve) => (noticeWaiter = { amount, resolve })),
    close: () => ws.close(),
  };
}

type Viewer = Awaited<ReturnType<typeof viewer>>;

async function joinViewers(studio: BenchStudio, count: number, perAddress: number): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  for (let first = 0; first < count; first += 50) {
    const batch = Array.from({ length: Math.min(50, count - first) }, (_, k) => viewer(studio.signalUrl, studio.room, first + k, perAddress));
    viewers.push(...(await Promise.all(batch)));
  }
  return viewers;
}

/** A mug pinned and an auction on it, long enough for the run (it is never waited out: the studio closes). */
async function startAuction(studio: BenchStudio): Promise<number> {
  const { core } = studio;
  core.catalog.applyImport([importedProduct({ sourceKey: 'bench-mug', title: 'Bench mug', variants: [{ price: '20.00', stock: null }] })], 'shopify', {
    dryRun: false,
  });
  const product = core.catalog.search({ query: '', offset: 0, limit: 10 }).rows.find((r) => r.title === 'Bench mug')!;
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = (await core.dispatch(channel, input, { transport: 'ipc', clientId: 'bench' })) as Result<T>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  await call('studio:live:pin', { productId: product.productId });
  const state = await call<AuctionsState>('studio:auctions:start', { startPrice: '1', durationSeconds: 600, mode: 'sudden-death', extendSeconds: 10 });
  return state.current!.id;
}

async function closeStudio(studio: BenchStudio, viewers: Viewer[]): Promise<void> {
  for (const v of viewers) v.close();
  await studio.core.close();
  fs.rmSync(studio.dataDir, { recursive: true, force: true });
}

/** (a) One bid at a time; each timed until every viewer's socket holds the state carrying it. */
export async function runAuctionLatency({ bids = 200, viewers: count = 100 } = {}): Promise<Pick<AuctionBenchResult, 'toEveryViewer' | 'toNotice' | 'viewers'>> {
  const studio = await startBenchStudio('auction-latency');
  let viewers: Viewer[] = [];
  try {
    viewers = await joinViewers(studio, count, 10);
    const auctionId = await startAuction(studio);
    await Promise.all(viewers.map((v) => v.state((a) => a.id === auctionId)));
    const everyone: number[] = [];
    const notice: number[] = [];
    const warmUp = 5;
    for (let i = -warmUp; i < bids; i++) {
      const bidder = viewers[(i + warmUp) % viewers.length]!;
      const amount = bidder.auction()!.nextBid;
      const heard = bidder.notice(amount);
      const arrived = Promise.all(viewers.map((v) => v.state((a) => a.price === amount)));
      const start = performance.now();
      const forwarded = await bidder.bid(auctionId, amount);
      if (!forwarded) throw new Error(`The SFU refused bid ${i} (${amount})`);
      const [times, noticeAt] = await Promise.all([arrived, heard]);
      if (i >= 0) {
        everyone.push(Math.max(...times) - start);
        notice.push(noticeAt - start);
      }
      // A quiet spell before the next bid: the board sends the next state at once.
      const wait = 60 - (performance.now() - start);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return { toEveryViewer: latency(everyone), toNotice: latency(notice), viewers: count };
  } finally {
    await closeStudio(studio, viewers);
  }
}

/** (b) Every bidder sends `burst` bids at once; timed until every forwarded bid is stored. */
export async function runAuctionThroughput({ bidders: count = 1000, burst = 10 } = {}): Promise<Omit<AuctionBenchResult, 'toEveryViewer' | 'toNotice' | 'viewers'>> {
  const studio = await startBenchStudio('auction-throughput');
  let viewers: Viewer[] = [];
  try {
    // Four per address: their bursts together are the address's (40).
    viewers = await joinViewers(studio, count, 4);
    const auctionId = await startAuction(studio);
    await Promise.all(viewers.map((v) => v.state((a) => a.id === auctionId)));
    // The studio's link must hold through the flood (its notices stay within the SFU's budget for it).
    let linkLost = false;
    studio.core.events.on('sfuStatusChanged', (status) => {
      if (status.state !== 'connected') linkLost = true;
    });
    const stored = studio.core.db.prepare<[number], number>('SELECT count(*) FROM auction_bids WHERE auction_id = ? AND proxy_for IS NULL').pluck();
    const start = performance.now();
    // Jump bids, each a different amount: arrival order decides which lead and which are too low.
    const replies = viewers.flatMap((v, i) => Array.from({ length: burst }, (_, k) => v.bid(auctionId, String(1 + i * burst + k))));
    const sent = (await Promise.all(replies)).filter(Boolean).length;
    let storedNow = stored.get(auctionId) ?? 0;
    const deadline = Date.now() + 60_000;
    while (storedNow < sent && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
      storedNow = stored.get(auctionId) ?? 0;
    }
    const decidedMs = performance.now() - start;
    if (storedNow !== sent) throw new Error(`Lost bids: ${sent} forwarded by the SFU, ${storedNow} stored`);
    if (linkLost) throw new Error("The studio's link to the SFU dropped during the flood");
    return { bidders: count, sent, stored: storedNow, decidedMs, decidedPerSecond: (storedNow / decidedMs) * 1000 };
  } finally {
    await closeStudio(studio, viewers);
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
export const formatAuctionLatency = (l: Latency): string => `p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   max ${ms(l.max)}   (n=${l.count})`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      bids: { type: 'string', default: '200' },
      viewers: { type: 'string', default: '100' },
      bidders: { type: 'string', default: '1000' },
      burst: { type: 'string', default: '10' },
    },
  });
  const a = await runAuctionLatency({ bids: Number(values.bids), viewers: Number(values.viewers) });
  console.log(`Auction, loopback, built-in SFU, ${a.viewers} viewer sockets:`);
  console.log(`  ${'bid -> every viewer has it'.padEnd(40)} ${formatAuctionLatency(a.toEveryViewer)}`);
  console.log(`  ${'bid -> the bidder\'s notice'.padEnd(40)} ${formatAuctionLatency(a.toNotice)}`);
  const b = await runAuctionThroughput({ bidders: Number(values.bidders), burst: Number(values.burst) });
  console.log(`Auction, ${b.bidders} bidders at once: ${b.sent} bids forwarded, ${b.stored} stored in ${ms(b.decidedMs)}: ${Math.round(b.decidedPerSecond)} bids/s decided`);
}
