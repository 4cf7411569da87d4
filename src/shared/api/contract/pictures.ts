import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { PictureState } from '../../domain/pictures.js';
import { importSourceSchema } from './catalog.js';

const productId = z.number().int().positive();

export const pictureChannels = {
  /** How far fetching the catalog's pictures got, and the products whose picture failed (with the reason). */
  getPictures: defineChannel<PictureState>()('studio:pictures:get', z.undefined()),
  /** Fetches failed pictures again: one product's, or every failed one (productId null). */
  retryPictures: defineChannel<PictureState>()('studio:pictures:retry', z.object({ productId: productId.nullable() }).strict()),
  /**
   * The host's own picture for a product (a file dropped in the product
   * drawer): a path on this computer (desktop app) or an upload (browser),
   * as for an import. Checked in main: JPEG, PNG, WebP or GIF, 10 MB at most.
   */
  setProductPicture: defineChannel<{ mediaId: string }>()(
    'studio:pictures:set-product',
    z.object({ productId, source: importSourceSchema }).strict(),
  ),
} as const;

export const pictureEvents = {
  picturesChanged: defineEvent<PictureState>('studio:event:pictures-changed'),
} as const;
