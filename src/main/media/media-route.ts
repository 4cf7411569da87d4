import fs from 'node:fs';
import path from 'node:path';
import { isMediaId, MEDIA_CONTENT_TYPES, MEDIA_ROUTE_PREFIX, mediaExtensionOf } from '../../shared/media/media-id.js';
import type { StaticFile } from '../static/static-files.js';

/**
 * `/media/<sha256>.<ext>` from the studio's own origin (the control server
 * and the desktop app's app:// protocol): the compositor draws a pinned
 * card's picture from here, with no CORS question. Only well-formed ids,
 * so a path can never leave the folder. null: not a media path, or not kept.
 */
export async function readMediaFile(mediaDir: string, pathname: string): Promise<StaticFile | null> {
  if (!pathname.startsWith(MEDIA_ROUTE_PREFIX)) return null;
  const id = pathname.slice(MEDIA_ROUTE_PREFIX.length);
  if (!isMediaId(id)) return null;
  const filePath = path.join(mediaDir, id);
  try {
    return { filePath, contentType: MEDIA_CONTENT_TYPES[mediaExtensionOf(id)], body: await fs.promises.readFile(filePath) };
  } catch {
    return null;
  }
}
