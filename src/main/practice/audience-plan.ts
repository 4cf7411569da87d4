/**
 * What a simulated viewer does next (pure), and the pace of the whole
 * audience (a timer). The service (practice-audience.ts) sends what the
 * plan says through the viewer's real SFU connection.
 */
import type { Money } from '../../shared/domain/catalog.js';
import type { PracticeDials } from '../../shared/domain/practice.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { SellAction, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import { compareMoney } from '../../shared/domain/money.js';
import {
  CHATTER,
  claimMessage,
  pickBid,
  pickMessage,
  QUESTIONS,
  withinCeiling,
  type PracticeBid,
  type PracticeLanguage,
  type SeededRandom,
} from './practice-messages.js';

/** What the counts call it. */
export type PracticeActionKind = 'message' | 'question' | 'claim' | 'bid' | 'giveawayEntry';

export type PlannedAction =
  | { readonly via: 'chat'; readonly kind: PracticeActionKind; readonly text: string }
  | { readonly via: 'sell'; readonly kind: 'bid' | 'giveawayEntry'; readonly action: SellAction };

/** What the speaking viewer knows and has done. */
export interface ViewerSituation {
  readonly viewerId: string;
  readonly language: PracticeLanguage;
  /** Its last few messages (never repeated: the chat would hold a duplicate). */
  readonly recent: readonly string[];
  /** The pinned card, as the SFU pushed it. */
  readonly pin: ProductCard | null;
  readonly sell: ShowSellState | null;
  /** Product ids (card productId) it already claimed: one claim per product per viewer. */
  readonly claimed: ReadonlySet<string>;
  /** Giveaways it entered. */
  readonly entered: ReadonlySet<number>;
  /** Its private ceiling for an auction, in hundredths of the start price (ceilingPercent): it never bids past it. */
  readonly ceilingPercent: (auctionId: number) => number;
}

export interface PlanContext {
  readonly dials: PracticeDials;
  readonly random: SeededRandom;
  /** The pinned product's option values ("S", "M", "Blue"): claims name one of them. */
  readonly options: readonly string[];
  /** The bid increment at a price (the seller's table in Settings → Selling). */
  readonly increment: (price: Money) => Money;
}

/**
 * One viewer's next action. An open giveaway it has not entered comes
 * first (most viewers enter: the keyword in chat or the Enter button);
 * otherwise one roll against the shares: bids (while an auction runs, and
 * not on top of its own lead, never past its private ceiling), claims (a product pinned, no auction
 * running, once per product), questions; the rest is chatter.
 */
export function planAction(viewer: ViewerSituation, context: PlanContext): PlannedAction {
  const { random, dials } = context;
  const giveaway = viewer.sell?.giveaway ?? null;
  if (giveaway && giveaway.status === 'open' && !viewer.entered.has(giveaway.id) && random.chance(60)) {
    const byKeyword = giveaway.keyword !== null && (!giveaway.buttonEntry || random.chance(50));
    if (byKeyword) return { via: 'chat', kind: 'giveawayEntry', text: giveaway.keyword! };
    if (giveaway.buttonEntry) return { via: 'sell', kind: 'giveawayEntry', action: { kind: 'enterGiveaway', giveawayId: giveaway.id } };
  }
  const auction = viewer.sell?.auction ?? null;
  const running = auction !== null && auction.status === 'running';
  let roll = random.next() * 100;
  if (running) {
    // A start of 0 has no multiple: the ceiling is then a multiple of the first step.
    const base = compareMoney(auction.startPrice, '0') > 0 ? auction.startPrice : context.increment(auction.startPrice);
    const ceiling = viewer.ceilingPercent(auction.id);
    const affordable = withinCeiling(auction.nextBid, base, ceiling);
    if (roll < dials.bidPercent && affordable && auction.leader?.viewerId !== viewer.viewerId) {
      let bid: PracticeBid = pickBid(random, auction.nextBid, context.increment(auction.nextBid));
      // A maximum past its ceiling becomes a plain bid at the next amount.
      if (bid.kind === 'maxBid' && !withinCeiling(bid.amount, base, ceiling)) bid = { kind: 'bid', amount: auction.nextBid };
      if (bid.kind === 'chat') return { via: 'chat', kind: 'bid', text: bid.text };
      return { via: 'sell', kind: 'bid', action: { kind: bid.kind, auctionId: auction.id, amount: bid.amount } };
    }
    roll -= dials.bidPercent;
  } else if (viewer.pin !== null) {
    if (roll < dials.claimPercent && !viewer.claimed.has(viewer.pin.productId)) {
      return { via: 'chat', kind: 'claim', text: claimMessage(random, viewer.language, viewer.pin.variantTitle === null ? context.options : []) };
    }
    roll -= dials.claimPercent;
  }
  if (roll >= 0 && roll < dials.questionPercent) {
    return { via: 'chat', kind: 'question', text: pickMessage(random, QUESTIONS[viewer.language], viewer.recent) };
  }
  return { via: 'chat', kind: 'message', text: pickMessage(random, CHATTER[viewer.language], viewer.recent) };
}

/**
 * The audience's pace: `onTick` about `perMinute` times a minute, each gap
 * drawn between half and one and a half of the mean (a real chat is
 * uneven). A new pace applies at once: a shorter gap replaces the one
 * waiting.
 */
export class Pacer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dueAt = 0;
  private perMinute = 1;

  constructor(
    private readonly random: SeededRandom,
    private readonly onTick: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(perMinute: number): void {
    this.perMinute = perMinute;
    this.schedule();
  }

  setPace(perMinute: number): void {
    this.perMinute = perMinute;
    if (this.timer === null) return;
    const gap = this.gap();
    if (this.now() + gap < this.dueAt) this.schedule(gap);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private gap(): number {
    const mean = 60_000 / Math.max(1, this.perMinute);
    return mean * (0.5 + this.random.next());
  }

  private schedule(gap = this.gap()): void {
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = this.now() + gap;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.schedule();
      this.onTick();
    }, gap);
  }
}
