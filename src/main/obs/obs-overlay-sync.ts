import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OBSWebSocket } from 'obs-websocket-js/json';
import { formatMoney, isMoney } from '../../shared/domain/money.js';
import { OBS_OVERLAY_INPUTS } from '../../shared/domain/obs.js';
import { dealPhase, formatCountdown } from '../../shared/sfu/deal-clock.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { fetchImage, type FetchedImage } from '../media/image-fetcher.js';

type Obs = Pick<OBSWebSocket, 'call'>;

export interface OverlaySyncOptions {
  /** Where product images are cached as files (OBS's image source reads local files only). */
  readonly imageCacheDir: string;
  /** OBS's text source differs by platform; the setting key for the text is `text` in both. */
  readonly platform?: NodeJS.Platform;
  /** Overridable for tests; defaults to `fetchPicture`'s bytes. */
  readonly downloadImage?: (url: string) => Promise<Buffer>;
  /** The studio's picture fetch (src/main/media: public websites and the store's own host); default: public websites only. */
  readonly fetchPicture?: (url: string) => Promise<FetchedImage>;
  /** A picture the studio keeps (the card's `imageId`) as a file OBS can read; null when it is not kept. */
  readonly keptPictureFile?: (id: string) => Promise<string | null>;
  readonly log?: (message: string) => void;
}

/**
 * The price source's text at `now` (main's clock, which the deal's times are
 * on): "$14.99 (was $20.00) · ends in 1:23" while a flash deal runs, the
 * regular price and "Deal ended" after it.
 */
export function overlayPriceText(card: ProductCard | null, now: number): string {
  if (!card) return '';
  const price = (amount: string | null) => (amount !== null && isMoney(amount) ? formatMoney(amount, card.currency) : '');
  const deal = dealPhase(card.deal, now);
  if (deal.kind === 'running') {
    const was = price(card.price);
    return `${price(deal.price)}${was ? ` (was ${was})` : ''} · ends in ${formatCountdown(deal.remainingMs, { padMinutes: false })}`;
  }
  if (deal.kind === 'ended') return [price(card.price), 'Deal ended'].filter(Boolean).join(' · ');
  return price(card.price);
}


/**
 * Keeps four OBS inputs (title, price, image, auction) in step with the
 * pinned product and its auction. Image: OBS 29 on Linux (Debian's build) has no browser source,
 * and image_source reads only local files, so the product image is
 * downloaded over https into the data folder and the source points at it.
 */
export class ObsOverlaySync {
  private readonly textKind: string;
  private readonly download: (url: string) => Promise<Buffer>;

  constructor(private readonly options: OverlaySyncOptions) {
    this.textKind = (options.platform ?? process.platform) === 'win32' ? 'text_gdiplus_v2' : 'text_ft2_source_v2';
    this.download = options.downloadImage ?? bytesOf(options.fetchPicture ?? ((url) => fetchImage(url)));
  }

  /** Creates the inputs in the scene if missing (or adds existing ones to it), laid out on the lower third. */
  async ensureInputs(obs: Obs, sceneName: string): Promise<void> {
    const video = await obs.call('GetVideoSettings');
    const width = video.baseWidth;
    const height = video.baseHeight;
    const fontSize = Math.max(16, Math.round(height / 18));
    const margin = Math.round(height / 24);
    const text = (size: number) => ({ text: '', font: { face: 'Sans', style: 'Bold', size, flags: 0 } });
    await this.ensureInput(obs, sceneName, OBS_OVERLAY_INPUTS.title, this.textKind, text(fontSize), {
      positionX: margin,
      positionY: height - margin - fontSize * 3,
    });
    await this.ensureInput(obs, sceneName, OBS_OVERLAY_INPUTS.price, this.textKind, text(Math.round(fontSize * 0.8)), {
      positionX: margin,
      positionY: height - margin - fontSize * 1.5,
    });
    // The auction's line sits at the top left, clear of the product's lower third.
    await this.ensureInput(obs, sceneName, OBS_OVERLAY_INPUTS.auction, this.textKind, text(fontSize), {
      positionX: margin,
      positionY: margin,
    });
    await this.ensureInput(obs, sceneName, OBS_OVERLAY_INPUTS.image, 'image_source', { file: '' }, {
      positionX: width - margin - Math.round(height / 3),
      positionY: height - margin - Math.round(height / 3),
      boundsType: 'OBS_BOUNDS_SCALE_INNER',
      boundsWidth: Math.round(height / 3),
      boundsHeight: Math.round(height / 3),
    });
  }

  /** Shows the card (null: clears the texts and hides the image). Texts first: they are what the host waits for. */
  async show(obs: Obs, sceneName: string, card: ProductCard | null, now = Date.now()): Promise<void> {
    const title = card ? (card.variantTitle ? `${card.title} — ${card.variantTitle}` : card.title) : '';
    await obs.call('SetInputSettings', { inputName: OBS_OVERLAY_INPUTS.title, inputSettings: { text: title } });
    await this.showPrice(obs, card, now);
    const kept = card?.imageId && this.options.keptPictureFile ? await this.options.keptPictureFile(card.imageId) : null;
    const file = kept ?? (card?.imageUrl ? await this.cachedImage(card.imageUrl) : null);
    if (file) await obs.call('SetInputSettings', { inputName: OBS_OVERLAY_INPUTS.image, inputSettings: { file } });
    const { sceneItemId } = await obs.call('GetSceneItemId', { sceneName, sourceName: OBS_OVERLAY_INPUTS.image });
    await obs.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: file !== null });
  }

  /** Only the price text: a flash deal's countdown changes it every second, nothing else. */
  async showPrice(obs: Obs, card: ProductCard | null, now = Date.now()): Promise<void> {
    await obs.call('SetInputSettings', { inputName: OBS_OVERLAY_INPUTS.price, inputSettings: { text: overlayPriceText(card, now) } });
  }

  /** The auction's text (obs-auction-text.ts): written on every change and once a second while one runs. */
  async showAuction(obs: Obs, text: string): Promise<void> {
    await obs.call('SetInputSettings', { inputName: OBS_OVERLAY_INPUTS.auction, inputSettings: { text } });
  }

  private async ensureInput(
    obs: Obs,
    sceneName: string,
    inputName: string,
    inputKind: string,
    inputSettings: Record<string, unknown>,
    transform: Record<string, string | number>,
  ): Promise<void> {
    const { inputs } = await obs.call('GetInputList');
    const existing = inputs.find((i) => i.inputName === inputName);
    let sceneItemId: number;
    if (!existing) {
      ({ sceneItemId } = await obs.call('CreateInput', {
        sceneName,
        inputName,
        inputKind,
        // The studio's type for settings is a plain record; obs-websocket-js wants its JSON type.
        inputSettings: inputSettings as never,
        sceneItemEnabled: true,
      }));
    } else {
      const items = (await obs.call('GetSceneItemList', { sceneName })).sceneItems;
      const item = items.find((i) => i.sourceName === inputName);
      if (item) return; // already placed: keep wherever the host moved it
      ({ sceneItemId } = await obs.call('CreateSceneItem', { sceneName, sourceName: inputName, sceneItemEnabled: true }));
    }
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: transform });
  }

  /** The image as a local file (cached by URL), or null when it cannot be had (the image is then hidden). */
  private async cachedImage(url: string): Promise<string | null> {
    if (!url.startsWith('https://')) return null;
    const extension = /\.(png|jpe?g|gif|webp|bmp)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? 'img';
    const file = path.join(this.options.imageCacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.${extension}`);
    try {
      await fs.access(file);
      return file;
    } catch {
      // not cached yet
    }
    try {
      const bytes = await this.download(url);
      await fs.mkdir(this.options.imageCacheDir, { recursive: true });
      // Written aside then renamed, so OBS never reads a half-written file.
      await fs.writeFile(`${file}.part`, bytes);
      await fs.rename(`${file}.part`, file);
      return file;
    } catch (error) {
      this.options.log?.(`Product image not available for OBS (${url}): ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}

/** The guarded fetcher's bytes (https only, size and type limits, no private address but the store's: src/main/media/image-fetcher.ts). */
function bytesOf(fetchPicture: (url: string) => Promise<FetchedImage>): (url: string) => Promise<Buffer> {
  return async (url) => {
    const fetched = await fetchPicture(url);
    if (!fetched.ok) throw new Error(fetched.reason);
    return fetched.bytes;
  };
}
