import { MEDIA_ID_PATTERN } from '../shared/media/media-id.js';

/**
 * Product pictures the studio sent this SFU (PUT /media/<id>, media-routes.ts),
 * kept in memory so the watch page loads them from this origin. Bounded:
 * past `maxBytes` the least recently served go first (a show pins a few
 * dozen products; the studio sends a picture again before pinning it).
 */
export class SfuMediaStore {
  private readonly files = new Map<string, Buffer>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  put(id: string, body: Buffer): void {
    if (!MEDIA_ID_PATTERN.test(id) || body.length > this.maxBytes) return;
    this.remove(id);
    this.files.set(id, body);
    this.bytes += body.length;
    for (const oldest of this.files.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  get(id: string): Buffer | null {
    const body = this.files.get(id);
    if (!body) return null;
    // Maps iterate in insertion order: re-inserting marks it recently used.
    this.files.delete(id);
    this.files.set(id, body);
    return body;
  }

  has(id: string): boolean {
    return this.files.has(id);
  }

  get size(): number {
    return this.bytes;
  }

  private remove(id: string): void {
    const body = this.files.get(id);
    if (!body) return;
    this.files.delete(id);
    this.bytes -= body.length;
  }
}
