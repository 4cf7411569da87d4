import { z } from 'zod';
import { MEDIA_ID_PATTERN } from '../media/media-id.js';

/**
 * The product card a host pins to the show; every viewer sees it over the
 * video. All text here is untrusted (it comes from imported store catalogs)
 * and is rendered as text only. Limits keep one pin small enough to fan out
 * to thousands of viewers.
 */
export const PRODUCT_CARD_LIMITS = {
  productId: 64,
  title: 140,
  variantTitle: 80,
  /** The store's SKU and variant id (told to an embedding page, docs/embed.md). */
  storeId: 64,
  url: 2048,
} as const;

/** C0/C1 control characters and bidi overrides: never needed in a product title, useful for spoofing. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const cardText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), { message: 'Control characters are not allowed.' });

/** A canonical decimal string in major units ("19.99", "1500"), as in the catalog. */
const money = z.string().regex(/^(0|[1-9]\d{0,11})(\.\d{1,4})?$/, 'A price is a decimal number such as "19.99".');

const httpsUrl = z.string().max(PRODUCT_CARD_LIMITS.url).pipe(z.url({ protocol: /^https$/, normalize: true }));
const imageUrl = z.string().max(PRODUCT_CARD_LIMITS.url).pipe(z.url({ protocol: /^https?$/, normalize: true }));

/** A flash deal is 10 s to 30 min long. */
export const DEAL_LIMITS = { minSeconds: 10, maxSeconds: 30 * 60 } as const;
export const DEAL_LENGTH_MESSAGE = `A flash deal lasts ${DEAL_LIMITS.minSeconds} seconds to ${DEAL_LIMITS.maxSeconds / 60} minutes.`;

/**
 * A flash deal on the pinned product: the sale price until `endsAt`. Times
 * are epoch ms on the SFU's clock: the host sends its own clock with setPin
 * (`hostNow`) and the SFU moves `startedAt`/`endsAt` onto its clock, then
 * tells every viewer its time (`serverTime`), so a viewer whose clock is
 * wrong still counts down to the same second. After `endsAt` the card keeps
 * the deal so late joiners read "Deal ended"; the price is `price` again.
 */
export const productCardDealSchema = z
  .object({
    price: money,
    startedAt: z.number().int().nonnegative(),
    endsAt: z.number().int().nonnegative(),
  })
  .strict()
  .refine((d) => d.endsAt > d.startedAt && d.endsAt - d.startedAt <= DEAL_LIMITS.maxSeconds * 1000 + 1000, {
    message: DEAL_LENGTH_MESSAGE,
  });

export type ProductCardDeal = z.output<typeof productCardDealSchema>;

export const productCardSchema = z
  .object({
    /** The studio's id for the product (or variant); opaque to the SFU. */
    productId: z.string().trim().min(1).max(PRODUCT_CARD_LIMITS.productId),
    title: cardText(PRODUCT_CARD_LIMITS.title),
    /** "M / Blue"; null for products without options. */
    variantTitle: cardText(PRODUCT_CARD_LIMITS.variantTitle).nullable().default(null),
    price: money.nullable(),
    /** The struck-through "was" price; only meaningful above `price`. */
    compareAtPrice: money.nullable().default(null),
    /** ISO 4217 code; null shows the bare number. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'A currency is a three-letter ISO code such as "USD".')
      .nullable()
      .default(null),
    imageUrl: imageUrl.nullable().default(null),
    /**
     * The picture as the studio keeps it (`<sha256>.<ext>`, src/shared/media/media-id.ts):
     * the studio sends it to the SFU before the pin, and the watch page loads
     * it from the SFU's own origin at /media/<imageId>. Absent on older cards
     * (and until a picture is fetched): `imageUrl` is shown then.
     */
    imageId: z.string().regex(MEDIA_ID_PATTERN, 'A picture id is a sha256 with its type.').optional(),
    /** Units left; null when the store does not track stock. */
    stock: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    /** Where the Buy button goes. https only: it opens in the viewer's browser. */
    buyUrl: httpsUrl.nullable().default(null),
    /** The variant's SKU, for a store page that embeds the player (lss:buy-clicked); null or absent: none. */
    sku: cardText(PRODUCT_CARD_LIMITS.storeId).nullable().optional(),
    /** The store's own id of the variant (Shopify "Variant ID", a WooCommerce variation), when the catalog has it. */
    variantId: cardText(PRODUCT_CARD_LIMITS.storeId).nullable().optional(),
    /** The flash deal on this product, running or ended (null: none). */
    deal: productCardDealSchema.nullable().default(null),
  })
  .strict();

/** What the SFU stores and sends to viewers (defaults filled in). */
export type ProductCard = z.output<typeof productCardSchema>;
/** What a host may send (optional fields may be left out). */
export type ProductCardInput = z.input<typeof productCardSchema>;
