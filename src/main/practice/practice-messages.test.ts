import { describe, expect, it, vi, afterEach } from 'vitest';
import { AuctionEngine, parseBidText } from '../../shared/auction/auction-engine.js';
import { incrementAt, DEFAULT_BID_INCREMENTS, type AuctionRules } from '../../shared/auction/auction-rules.js';
import { compareMoney } from '../../shared/domain/money.js';
import { DEFAULT_PRACTICE_DIALS, type PracticeDials } from '../../shared/domain/practice.js';
import { looksLikeQuestion } from '../../shared/moderation/questions.js';
import { recogniseClaim, type ClaimableProduct } from '../../shared/selling/claim-parser.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { AuctionView, GiveawayView, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import { Pacer, planAction, type PlannedAction, type ViewerSituation } from './audience-plan.js';
import {
  ceilingPercent,
  CHATTER,
  claimMessage,
  optionsOf,
  PRACTICE_LANGUAGES,
  pickBid,
  pickMessage,
  QUESTIONS,
  SeededRandom,
  viewerName,
} from './practice-messages.js';

const tee: ClaimableProduct = {
  optionNames: ['Size', 'Color'],
  variants: [
    { id: 1, optionValues: ['S', 'Blue'] },
    { id: 2, optionValues: ['M', 'Blue'] },
    { id: 3, optionValues: ['L', 'Sand'] },
  ],
};

describe('the built-in messages', () => {
  it('come in five languages; chatter and questions never read as a claim or a bid; questions are marked as questions', () => {
    for (const language of PRACTICE_LANGUAGES) {
      expect(CHATTER[language].length).toBeGreaterThanOrEqual(8);
      expect(QUESTIONS[language].length).toBeGreaterThanOrEqual(5);
      for (const text of [...CHATTER[language], ...QUESTIONS[language]]) {
        expect(recogniseClaim(text, tee, null).claim, text).toBe(false);
        expect(parseBidText(text), text).toBeNull();
      }
      for (const text of QUESTIONS[language]) expect(looksLikeQuestion(text), text).toBe(true);
      for (const text of CHATTER[language]) expect(looksLikeQuestion(text), text).toBe(false);
    }
    expect(QUESTIONS.en).toContain('does it come in blue?');
    expect(QUESTIONS.en).toContain('what size is the model wearing?');
  });

  it('claims claim, in every language, and name a variant the product has', () => {
    const random = new SeededRandom(42);
    const options = optionsOf(['S / Blue', 'M / Blue', 'L / Sand']);
    expect(options).toEqual(['S', 'Blue', 'M', 'L', 'Sand']);
    for (let i = 0; i < 300; i++) {
      const language = PRACTICE_LANGUAGES[i % PRACTICE_LANGUAGES.length]!;
      const text = claimMessage(random, language, options);
      const recognised = recogniseClaim(text, tee, null);
      expect(recognised, text).toMatchObject({ claim: true, unknownOption: false });
    }
    expect(optionsOf(['Default Title'])).toEqual([]);
  });

  it('never repeats one of the viewer’s recent messages (the chat would hold a duplicate)', () => {
    const random = new SeededRandom(1);
    const set = ['a', 'b', 'c'];
    for (let i = 0; i < 50; i++) expect(pickMessage(random, set, ['a', 'b'])).toBe('c');
  });

  it('are the same for the same seed, and differ for another', () => {
    const run = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => pickMessage(random, CHATTER.en, []));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('names every viewer once, past the list', () => {
    const names = Array.from({ length: 200 }, (_, i) => viewerName(i));
    expect(new Set(names).size).toBe(200);
    expect(names[0]).toBe('Ana');
    expect(names[40]).toBe('Ana 2');
  });

  it('bid at the next allowed amount: the button, a maximum a few increments up, or typed in chat', () => {
    const random = new SeededRandom(5);
    const kinds = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const bid = pickBid(random, '25', incrementAt(DEFAULT_BID_INCREMENTS, '25'));
      kinds.add(bid.kind);
      if (bid.kind === 'bid') expect(bid.amount).toBe('25');
      if (bid.kind === 'maxBid') expect(['26', '27', '28', '29']).toContain(bid.amount.replace(/\.0+$/, ''));
      if (bid.kind === 'chat') expect(parseBidText(bid.text)).toBe('25');
    }
    expect(kinds).toEqual(new Set(['bid', 'maxBid', 'chat']));
  });
});

const card = (fields: Partial<ProductCard> = {}): ProductCard =>
  ({ productId: '7', title: 'Tee', variantTitle: null, price: '19.99', currency: 'USD', stock: 3, ...fields }) as ProductCard;

const auction = (fields: Partial<AuctionView> = {}): AuctionView => ({
  id: 4,
  title: 'Tee',
  currency: 'USD',
  startPrice: '10',
  price: '20',
  nextBid: '21',
  leader: { viewerId: 'someone', name: 'Someone' },
  bids: 3,
  bidders: 2,
  mode: 'soft',
  extendSeconds: 10,
  reserveMet: null,
  startedAt: 0,
  endsAt: 20_000,
  status: 'running',
  winner: null,
  endedAt: null,
  ...fields,
});

const giveaway = (fields: Partial<GiveawayView> = {}): GiveawayView => ({
  id: 9,
  prize: 'A mug',
  keyword: 'MUG',
  buttonEntry: true,
  rules: '',
  minWatchMinutes: null,
  status: 'open',
  entries: 0,
  commitment: null,
  seed: null,
  winner: null,
  ...fields,
});

function plans(situation: Partial<ViewerSituation>, dials: Partial<PracticeDials> = {}, n = 1000): PlannedAction[] {
  const random = new SeededRandom(11);
  const viewer: ViewerSituation = { viewerId: 'me', language: 'en', recent: [], pin: null, sell: null, claimed: new Set(), entered: new Set(), ceilingPercent: () => 400, ...situation };
  const context = { dials: { ...DEFAULT_PRACTICE_DIALS, ...dials }, random, options: ['S', 'M'], increment: (p: string) => incrementAt(DEFAULT_BID_INCREMENTS, p) };
  return Array.from({ length: n }, () => planAction(viewer, context));
}

const share = (list: readonly PlannedAction[], kind: PlannedAction['kind']) => list.filter((p) => p.kind === kind).length / list.length;
const sell = (s: Partial<ShowSellState>): ShowSellState => ({ practice: true, auction: null, giveaway: null, ...s });

describe('what a simulated viewer does next', () => {
  it('follows the shares: claims only with a pin, bids only while an auction runs (no claims then), questions, the rest chatter', () => {
    const quiet = plans({}, { questionPercent: 30, claimPercent: 40, bidPercent: 50 });
    expect(share(quiet, 'claim')).toBe(0);
    expect(share(quiet, 'bid')).toBe(0);
    expect(share(quiet, 'question')).toBeCloseTo(0.3, 1);
    expect(share(quiet, 'message')).toBeCloseTo(0.7, 1);

    const pinned = plans({ pin: card() }, { questionPercent: 30, claimPercent: 40 });
    expect(share(pinned, 'claim')).toBeCloseTo(0.4, 1);
    expect(share(pinned, 'question')).toBeCloseTo(0.3, 1);

    const bidding = plans({ pin: card(), sell: sell({ auction: auction() }) }, { bidPercent: 50, claimPercent: 40 });
    expect(share(bidding, 'bid')).toBeCloseTo(0.5, 1);
    expect(share(bidding, 'claim')).toBe(0);
    for (const p of bidding.filter((x) => x.kind === 'bid')) {
      if (p.via === 'sell') expect(p.action).toMatchObject({ auctionId: 4 });
      else expect(parseBidText(p.text)).toBe('21');
    }
  });

  it('never bids on top of its own lead, nor on an ended auction; claims a product once', () => {
    expect(share(plans({ sell: sell({ auction: auction({ leader: { viewerId: 'me', name: 'Me' } }) }) }, { bidPercent: 100 }), 'bid')).toBe(0);
    expect(share(plans({ sell: sell({ auction: auction({ status: 'sold' }) }) }, { bidPercent: 100 }), 'bid')).toBe(0);
    expect(share(plans({ pin: card(), claimed: new Set(['7']) }, { claimPercent: 100 }), 'claim')).toBe(0);
  });

  it('never bids past its private ceiling for the auction (1.5× to 4× the start), nor sets a maximum past it', () => {
    // Start 10, next 21: past a 150 % ceiling (15), within a 250 % one (25).
    expect(share(plans({ sell: sell({ auction: auction() }), ceilingPercent: () => 150 }, { bidPercent: 100 }), 'bid')).toBe(0);
    const under = plans({ sell: sell({ auction: auction({ nextBid: '13' }) }), ceilingPercent: () => 150 }, { bidPercent: 100 });
    expect(share(under, 'bid')).toBe(1);
    for (const p of under) {
      const amount = p.via === 'sell' && p.action.kind !== 'enterGiveaway' ? p.action.amount : p.via === 'chat' ? parseBidText(p.text) : null;
      expect(compareMoney(amount!, '15')).toBeLessThanOrEqual(0);
    }
    // Private and varied, the same for the same run, viewer and auction.
    const ceilings = Array.from({ length: 50 }, (_, viewer) => ceilingPercent(9, viewer, 4));
    expect(Math.min(...ceilings)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...ceilings)).toBeLessThanOrEqual(400);
    expect(new Set(ceilings).size).toBeGreaterThan(20);
    expect(ceilingPercent(9, 3, 4)).toBe(ceilings[3]);
    expect(Array.from({ length: 10 }, (_, a) => ceilingPercent(9, 3, a + 1)).some((c) => c !== ceilings[3])).toBe(true);
  });

  it('a seeded audience bidding at a brisk pace lets a 10 s soft close end, as bidders reach their ceilings', () => {
    const rules: AuctionRules = { startPrice: '10', durationSeconds: 30, mode: 'soft', extendSeconds: 10, reserve: null, increments: DEFAULT_BID_INCREMENTS };
    const engine = new AuctionEngine(rules, 0);
    const random = new SeededRandom(9);
    const context = { dials: { ...DEFAULT_PRACTICE_DIALS, bidPercent: 100, claimPercent: 0 }, random, options: [], increment: (p: string) => incrementAt(rules.increments, p) };
    const viewers = Array.from({ length: 12 }, (_, index) => ({ id: `viewer-${index}`, index, lastSpokeAt: -Infinity }));
    const view = (now: number): AuctionView => {
      const standing = engine.standing();
      const leader = standing.leader && { viewerId: standing.leader.viewer, name: standing.leader.viewer };
      return auction({ startPrice: '10', price: standing.leader?.price ?? null, nextBid: standing.nextBid, leader, endsAt: standing.endsAt, status: now < standing.endsAt ? 'running' : 'sold' });
    };
    // 600 messages a minute (one every 100 ms), each viewer at most once a second, as the service paces them.
    let now = 0;
    for (let line = 0; now < engine.standing().endsAt && now < 600_000; now += 100) {
      const free = viewers.filter((v) => now - v.lastSpokeAt >= 1100);
      if (free.length === 0) continue;
      const speaker = free[random.below(free.length)]!;
      speaker.lastSpokeAt = now;
      const situation: ViewerSituation = {
        viewerId: speaker.id,
        language: 'en',
        recent: [],
        pin: null,
        sell: sell({ auction: view(now) }),
        claimed: new Set(),
        entered: new Set(),
        ceilingPercent: (auctionId) => ceilingPercent(9, speaker.index, auctionId),
      };
      const plan = planAction(situation, context);
      const base = { id: `line-${line++}`, viewer: speaker.id, ts: now };
      if (plan.via === 'chat' && plan.kind === 'bid') engine.submit({ ...base, text: plan.text });
      else if (plan.via === 'sell' && plan.action.kind === 'bid') engine.submit({ ...base, bid: plan.action.amount });
      else if (plan.via === 'sell' && plan.action.kind === 'maxBid') engine.submit({ ...base, maxBid: plan.action.amount });
    }
    // It ended well before the bound, sold within the highest ceiling (4× the start).
    expect(now).toBeLessThan(600_000);
    const result = engine.result();
    expect(result.result).toBe('sold');
    expect(compareMoney(result.price!, '40')).toBeLessThanOrEqual(0);
    expect(engine.standing().bids).toBeGreaterThan(5);
  });

  it('enters an open giveaway it has not entered, by keyword or button', () => {
    const entries = plans({ sell: sell({ giveaway: giveaway() }) }, {}, 400).filter((p) => p.kind === 'giveawayEntry');
    expect(entries.length / 400).toBeCloseTo(0.6, 1);
    expect(entries.some((p) => p.via === 'chat' && p.text === 'MUG')).toBe(true);
    expect(entries.some((p) => p.via === 'sell' && p.action.kind === 'enterGiveaway')).toBe(true);
    expect(share(plans({ sell: sell({ giveaway: giveaway() }), entered: new Set([9]) }), 'giveawayEntry')).toBe(0);
    expect(share(plans({ sell: sell({ giveaway: giveaway({ status: 'closed' }) }) }), 'giveawayEntry')).toBe(0);
  });
});

describe('the audience’s pace', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks about as often as dialled, and a new pace applies at once', () => {
    vi.useFakeTimers();
    let ticks = 0;
    const pacer = new Pacer(new SeededRandom(3), () => ticks++);
    pacer.start(60);
    vi.advanceTimersByTime(10 * 60_000);
    expect(ticks).toBeGreaterThan(540);
    expect(ticks).toBeLessThan(660);

    // From one a minute to 600 a minute: the long gap waiting is replaced, not waited out.
    ticks = 0;
    pacer.setPace(1);
    vi.advanceTimersByTime(90_000);
    const slow = ticks;
    expect(slow).toBeLessThanOrEqual(2);
    pacer.setPace(600);
    vi.advanceTimersByTime(1_000);
    expect(ticks - slow).toBeGreaterThanOrEqual(5);
    vi.advanceTimersByTime(59_000);
    expect(ticks - slow).toBeGreaterThan(540);

    pacer.stop();
    const stopped = ticks;
    vi.advanceTimersByTime(60_000);
    expect(ticks).toBe(stopped);
    expect(pacer.running).toBe(false);
  });
});
