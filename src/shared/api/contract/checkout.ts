import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { CheckoutSendResult, CheckoutState } from '../../domain/checkout.js';

const id = z.number().int().positive();

/**
 * Claims become checkouts (issue 19): each buyer's confirmed claims as a
 * private "Check out your N items" link on their watch page — one cart where
 * the store's platform allows it (Shopify), else one link per item.
 */
export const checkoutChannels = {
  /** Who has been sent a link in a show (null: the active show) and what is still waiting. */
  listCheckouts: defineChannel<CheckoutState>()(
    'studio:checkout:list',
    z.object({ showId: id.nullable().default(null) }).strict().default({ showId: null }),
  ),
  /**
   * Sends each buyer of the active show a link for their confirmed claims
   * not sent yet: those of one product (after it sold), or all of them
   * (productId null: "Send to everyone"). A claim is never sent twice.
   */
  sendCheckoutLinks: defineChannel<CheckoutSendResult>()(
    'studio:checkout:send',
    z.object({ productId: id.nullable().default(null) }).strict().default({ productId: null }),
  ),
} as const;

export const checkoutEvents = {
  /** Links went out (or claims changed what is waiting): the active show's buyers again. */
  checkoutsChanged: defineEvent<CheckoutState>('studio:event:checkouts-changed'),
} as const;
