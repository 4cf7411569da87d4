import fs from 'node:fs';
import path from 'node:path';
import { MEDIA_MAX_BYTES } from '../../shared/media/media-id.js';
import type { MediaFiles } from './media-files.js';
import type { PictureStore } from './picture-store.js';

/**
 * Pictures named as files in a CSV's image column ("mug.png",
 * "photos/mug.jpg"), read from the folder the CSV was imported from (the
 * desktop app and the CLI import from a path; a browser upload has no
 * folder). A name must stay inside that folder (no "..", no absolute path,
 * no link out of it), be a file of at most 10 MB, and be a JPEG, PNG, WebP or
 * GIF by its bytes. A name not found there is reported on its product.
 * Returns how many pictures were kept.
 */
export async function keepLocalPictures(store: PictureStore, files: MediaFiles, folder: string): Promise<number> {
  let kept = 0;
  const root = await fs.promises.realpath(folder).catch(() => null);
  if (root === null) return 0;
  for (const name of store.localNames()) {
    const outcome = await readBeside(root, name, files);
    store.setLocal(name, outcome);
    if ('mediaId' in outcome) kept += 1;
  }
  return kept;
}

async function readBeside(root: string, name: string, files: MediaFiles): Promise<{ mediaId: string } | { reason: string }> {
  if (path.isAbsolute(name) || name.includes('\0') || /^[a-z][a-z0-9+.-]*:/i.test(name)) {
    return { reason: 'the picture is neither an https address nor a file name beside the imported file' };
  }
  const missing = { reason: `the file ${name} is not in the folder of the imported file` };
  let real: string;
  try {
    real = await fs.promises.realpath(path.resolve(root, name));
  } catch {
    return missing;
  }
  if (!real.startsWith(root + path.sep)) return { reason: `the file ${name} is outside the folder of the imported file` };
  const stat = await fs.promises.stat(real).catch(() => null);
  if (!stat?.isFile()) return missing;
  if (stat.size > MEDIA_MAX_BYTES) return { reason: `the file ${name} is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB` };
  try {
    return { mediaId: await files.put(await fs.promises.readFile(real)) };
  } catch {
    return { reason: `the file ${name} is not a JPEG, PNG, WebP or GIF picture` };
  }
}
