import { AUCTION_LIMITS, type AuctionMode } from '../../shared/auction/auction-rules.js';
import { StudioError } from '../../shared/api/result.js';
import type { Money } from '../../shared/domain/catalog.js';
import type { PinRecord } from '../../shared/domain/live.js';
import { compareMoney, formatMoney, parseMoney } from '../../shared/domain/money.js';

export interface StartAuctionInput {
  readonly startPrice: string;
  readonly durationSeconds: number;
  readonly mode: AuctionMode;
  readonly extendSeconds: number;
  readonly reserve: string | null;
}

/** What an auction starts with once the host's input is checked against the pin on screen. */
export interface CheckedStart {
  readonly title: string;
  /** null: the catalog has none (a Shopify export names no currency); prices show as plain amounts, like the card's. */
  readonly currency: string | null;
  readonly startPrice: Money;
  readonly reserve: Money | null;
  readonly durationSeconds: number;
  readonly extendSeconds: number;
}

/** A price as an auction stores it: what viewers' pages and the dry run accept (at most 12 digits, 4 decimals). */
const AUCTION_MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;

function price(text: string, what: string): Money {
  const parsed = parseMoney(text);
  if (!parsed.ok || !AUCTION_MONEY.test(parsed.value)) {
    throw new StudioError('invalid-input', `"${text.trim()}" is not a price. Type the ${what}, for example 10 or 9.50.`);
  }
  return parsed.value;
}

/** Checks the host's input for an auction on `pin`; refuses in host words (nothing pinned, a bad price or reserve, sold out). */
export function checkStart(input: StartAuctionInput, pin: PinRecord): CheckedStart {
  const { card } = pin;
  const startPrice = price(input.startPrice, 'starting price');
  if (compareMoney(startPrice, '0') <= 0) throw new StudioError('invalid-input', 'The starting price must be more than 0.');
  const reserveText = input.reserve?.trim() ?? '';
  const reserve = reserveText === '' ? null : price(reserveText, 'reserve');
  if (reserve !== null && compareMoney(reserve, startPrice) < 0) {
    throw new StudioError('invalid-input', `The reserve must be at least the starting price of ${formatMoney(startPrice, card.currency)}, or left empty.`);
  }
  if (card.stock === 0) throw new StudioError('invalid-input', `"${card.title}" has no units left to auction.`);
  const seconds = input.durationSeconds;
  if (!Number.isInteger(seconds) || seconds < AUCTION_LIMITS.minSeconds || seconds > AUCTION_LIMITS.maxSeconds) {
    throw new StudioError('invalid-input', 'An auction lasts 5 seconds to 10 minutes.');
  }
  const extend = input.extendSeconds;
  if (!Number.isInteger(extend) || extend < AUCTION_LIMITS.minExtendSeconds || extend > AUCTION_LIMITS.maxExtendSeconds) {
    throw new StudioError('invalid-input', 'A soft close adds 1 to 60 seconds.');
  }
  return {
    title: (card.variantTitle ? `${card.title} — ${card.variantTitle}` : card.title).slice(0, 200),
    currency: card.currency,
    startPrice,
    reserve,
    durationSeconds: seconds,
    extendSeconds: extend,
  };
}
