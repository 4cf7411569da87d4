import { sniffMediaType } from '../../shared/media/media-id.js';
import { fetchImage, type FetchedImage } from '../media/image-fetcher.js';
import type { PictureSource } from './replay-plan.js';

/**
 * Where a replay's product pictures come from. First the copy the studio
 * keeps in its data folder (src/main/media: the host's own picture for the
 * product, or the file its imported address was fetched into), read with
 * no network at all. Only a picture the studio does not keep is fetched,
 * and only through the studio's one guarded fetcher (`fetchImage`: https
 * only, public addresses only, checked inside the connection's own lookup
 * on every hop, time- and size-capped, JPEG/PNG/WebP/GIF by their first
 * bytes): the addresses come from imported files and are untrusted. A
 * picture that cannot be had leaves its card without one, with the reason.
 */

export interface ReplayPictureDeps {
  /** A kept picture's bytes by its id (null: not in the data folder). */
  readonly kept: (mediaId: string) => Promise<Buffer | null>;
  /** Fetches an address (default: fetchImage with its defaults; tests pass their trust and lookup). */
  readonly fetch?: (url: string) => Promise<FetchedImage>;
}

/** The picture's bytes and type. Never throws: a failure carries a reason a host can read. */
export async function replayPicture(source: PictureSource, deps: ReplayPictureDeps): Promise<FetchedImage> {
  if (source.mediaId !== null) {
    const bytes = await deps.kept(source.mediaId).catch(() => null);
    const extension = bytes === null ? null : sniffMediaType(bytes);
    if (bytes !== null && extension !== null) return { ok: true, bytes, extension };
  }
  // Not kept (or its file went missing from the data folder): from the web, guarded.
  if (source.url === null) return { ok: false, reason: 'the studio no longer keeps this picture' };
  return (deps.fetch ?? ((url: string) => fetchImage(url)))(source.url);
}
