import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMediaId, MEDIA_MAX_BYTES, sniffMediaType } from '../../shared/media/media-id.js';

/**
 * The pictures the studio keeps, `<data folder>/media/<sha256>.<ext>`: one
 * file per distinct picture whichever products use it, written aside and
 * renamed (nobody reads half a file), never changed afterwards.
 */
export class MediaFiles {
  constructor(readonly dir: string) {}

  /** Stores checked picture bytes; the id names them. Refuses what is not a picture or too large. */
  async put(bytes: Buffer): Promise<string> {
    if (bytes.length > MEDIA_MAX_BYTES) throw new Error(`The picture is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`);
    const extension = sniffMediaType(bytes);
    if (!extension) throw new Error('The file is not a JPEG, PNG, WebP or GIF picture.');
    const id = `${crypto.createHash('sha256').update(bytes).digest('hex')}.${extension}`;
    const file = this.pathOf(id);
    if (await this.has(id)) return id;
    await fs.promises.mkdir(this.dir, { recursive: true });
    const part = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.part`;
    await fs.promises.writeFile(part, bytes);
    await fs.promises.rename(part, file);
    return id;
  }

  async has(id: string): Promise<boolean> {
    if (!isMediaId(id)) return false;
    try {
      return (await fs.promises.stat(this.pathOf(id))).isFile();
    } catch {
      return false;
    }
  }

  /** The file's path (OBS reads it there). Only for a well-formed id: the name can never leave the folder. */
  pathOf(id: string): string {
    if (!isMediaId(id)) throw new Error(`Not a picture id: ${id}`);
    return path.join(this.dir, id);
  }

  /** The bytes, or null when the picture is not kept here. */
  async read(id: string): Promise<Buffer | null> {
    if (!isMediaId(id)) return null;
    try {
      return await fs.promises.readFile(this.pathOf(id));
    } catch {
      return null;
    }
  }
}
