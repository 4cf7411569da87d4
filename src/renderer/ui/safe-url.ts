import { isMediaId, MEDIA_ROUTE_PREFIX } from '../../shared/media/media-id.js';

/**
 * Product data comes from sellers' files: URLs in it are untrusted. Only
 * http(s) images are loaded (never javascript:, file: or data:), and only
 * https links are opened.
 */
export function imageSrc(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (isStudioOrigin(parsed)) return parsed.href; // a kept picture (keptPictureSrc)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function httpsUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A picture the studio keeps (src/main/media), from the studio's own origin
 * (/media/<id>: the control server, or app:// in the desktop app), so the
 * compositor draws it on the video with no CORS question. null: none.
 */
export function keptPictureSrc(id: string | null | undefined): string | null {
  if (!id || !isMediaId(id)) return null;
  return new URL(`${MEDIA_ROUTE_PREFIX}${id}`, window.location.href).href;
}

/** The card's picture: the kept one, else its store address. */
export function cardPictureSrc(card: { readonly imageId?: string | undefined; readonly imageUrl: string | null }): string | null {
  return keptPictureSrc(card.imageId) ?? imageSrc(card.imageUrl);
}

function isStudioOrigin(url: URL): boolean {
  if (typeof window === 'undefined') return false;
  return url.protocol === window.location.protocol && url.host === window.location.host && url.pathname.startsWith(MEDIA_ROUTE_PREFIX);
}
