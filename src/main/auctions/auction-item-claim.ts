import type { ChatMessage } from '../../shared/domain/chat.js';
import type { PinRecord } from '../../shared/domain/live.js';
import { recogniseClaim } from '../../shared/selling/claim-parser.js';
import { recogniseOneMore } from '../../shared/selling/one-more.js';
import type { SellNotice } from '../../shared/sfu/protocol-selling.js';
import { findProduct, type ProductReader } from '../claims/stock-ledger.js';

/** What the auction reader needs to read a chat claim the way claims do. */
export interface ClaimReadingDeps {
  /** The pin showing when a message was sent (PinService.pinAt). */
  readonly pins: { pinAt(at: number): PinRecord | null };
  readonly catalog: ProductReader;
}

/**
 * True when an approved chat message is a claim ("sold", "sold M", "one
 * more") on the item an auction is running on: the pin showing when it was
 * sent is the auctioned product and variant, and the claim parser reads it as
 * a claim. Such a message is the auction's, not a claim: a confirmed claim
 * beside the auction would sell the item twice.
 */
export function claimsAuctionItem(message: ChatMessage, auction: { readonly productId: number | null; readonly variantId: number | null }, deps: ClaimReadingDeps): boolean {
  if (auction.productId === null) return false;
  const pin = deps.pins.pinAt(message.ts);
  if (!pin || pin.productId !== auction.productId || pin.variantId !== auction.variantId) return false;
  if (recogniseOneMore(message.text) !== null) return true;
  const product = findProduct(deps.catalog, auction.productId);
  return product !== null && recogniseClaim(message.text, product, pin.variantId).claim;
}

/** The private answer to a claim on the item up for auction. */
export function bidInsteadNotice(auctionId: number): SellNotice {
  return {
    kind: 'bid',
    auctionId,
    outcome: 'refused',
    reason: 'auction_item',
    amount: null,
    text: 'This item is up for auction — bid instead (type an amount, or use the Bid button).',
  };
}
