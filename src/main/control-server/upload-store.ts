/**
 * The folder where browsers' catalog files wait for their import
 * (`<data folder>/uploads`): `<id>` holds the bytes, `<id>.json` the name
 * the host knows the file by. The studio's catalog is not split by show, so
 * the quota is per data folder.
 *
 * What keeps the folder from filling the disk:
 * - one upload may be at most 512 MB, and all uploads together 2 GB (the
 *   bytes still arriving count too, so two uploads at once cannot pass it);
 *   past either the upload is refused with a message the host understands;
 * - the import service deletes an upload once its import is done, failed or
 *   cancelled (src/main/catalog/import-service.ts);
 * - uploads older than a day (previewed but never imported, or left by a
 *   studio that stopped mid-import) are swept at start-up, and before an
 *   upload is refused for want of room.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/api/result.js';

export interface UploadLimits {
  /** Bytes one upload may have. */
  readonly perUpload: number;
  /** Bytes all uploads together may have. */
  readonly total: number;
  /** An upload older than this is no longer waiting for an import. */
  readonly maxAgeMs: number;
}

export const UPLOAD_LIMITS: UploadLimits = {
  perUpload: 512 * 1024 * 1024,
  total: 2 * 1024 * 1024 * 1024,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

export interface StoredUpload {
  readonly uploadId: string;
  readonly name: string;
  readonly size: number;
}

/** An upload the store refuses: the HTTP status to answer with, and the host's message. */
export class UploadRefusedError extends StudioError {
  constructor(
    readonly status: 413 | 507,
    message: string,
  ) {
    super('invalid-input', message);
    this.name = 'UploadRefusedError';
  }
}

const sizeText = (bytes: number): string => {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${bytes} bytes`;
};

export class UploadStore {
  /** Bytes of uploads still arriving (their files are not counted on disk until done). */
  private arriving = 0;
  private readonly writing = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly limits: UploadLimits = UPLOAD_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores one upload from `body`; a refused or broken one leaves nothing behind. */
  async save(body: AsyncIterable<Buffer>, originalName: string): Promise<StoredUpload> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    let used = await this.usage();
    let swept = false;
    const uploadId = crypto.randomUUID();
    const target = path.join(this.dir, uploadId);
    let size = 0;
    this.writing.add(target);
    const out = fs.createWriteStream(target);
    try {
      for await (const chunk of body) {
        size += chunk.length;
        this.arriving += chunk.length;
        if (size > this.limits.perUpload) {
          throw new UploadRefusedError(413, `The file is larger than ${sizeText(this.limits.perUpload)}, the most one upload may have.`);
        }
        if (used + this.arriving > this.limits.total && !swept) {
          // Before refusing: clear what no import waits for any more.
          swept = true;
          await this.sweep();
          used = await this.usage();
        }
        if (used + this.arriving > this.limits.total) {
          throw new UploadRefusedError(
            507,
            `Uploads are full (${sizeText(this.limits.total)}): finish or cancel the imports waiting for their files, then upload again. Files no import uses are cleared after a day.`,
          );
        }
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (error) {
      // The file may still be opening (a refusal can come with the first chunk): remove it
      // only once the stream has closed it, or the open lands after the removal and stays.
      await new Promise<void>((resolve) => {
        if (out.closed) return resolve();
        out.once('close', () => resolve());
        out.destroy();
      });
      await fs.promises.rm(target, { force: true });
      throw error;
    } finally {
      this.arriving -= size;
      this.writing.delete(target);
    }
    await fs.promises.writeFile(`${target}.json`, JSON.stringify({ originalName, size, uploadedAt: this.now() }));
    return { uploadId, name: originalName, size };
  }

  /** Bytes in the folder now. */
  async usage(): Promise<number> {
    let total = 0;
    for (const entry of await this.entries()) total += entry.size;
    return total;
  }

  /** Removes uploads (and stray sidecars) older than a day; returns how many files went. */
  async sweep(): Promise<number> {
    const cutoff = this.now() - this.limits.maxAgeMs;
    let removed = 0;
    for (const entry of await this.entries()) {
      if (entry.modifiedAt >= cutoff) continue;
      await fs.promises.rm(entry.filePath, { force: true });
      removed++;
    }
    return removed;
  }

  /** The folder's files, except uploads still arriving. */
  private async entries(): Promise<{ filePath: string; size: number; modifiedAt: number }[]> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    const found = [];
    for (const name of names) {
      const filePath = path.join(this.dir, name);
      if (this.writing.has(filePath)) continue;
      const stat = await fs.promises.stat(filePath).catch(() => null);
      if (stat?.isFile()) found.push({ filePath, size: stat.size, modifiedAt: stat.mtimeMs });
    }
    return found;
  }
}
