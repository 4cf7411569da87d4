import type { PictureState } from '../../shared/domain/pictures.js';
import { StudioError } from '../../shared/api/result.js';
import { MEDIA_MAX_BYTES } from '../../shared/media/media-id.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { fetchImage, type FetchedImage } from './image-fetcher.js';
import type { MediaFiles } from './media-files.js';
import type { PictureStore } from './picture-store.js';
import { keepLocalPictures } from './local-pictures.js';

export interface PictureServiceDeps {
  readonly store: PictureStore;
  readonly files: MediaFiles;
  readonly events: StudioEventBus;
  /** Fetches one address (the studio: `storePictureFetcher`, public websites and the store's own host; default: fetchImage, public only). */
  readonly fetch?: (url: string) => Promise<FetchedImage>;
  readonly log?: (message: string) => void;
}

/** Pictures fetched at once: enough to fill a catalog quickly, few enough to leave the show its bandwidth. */
const PARALLEL = 2;

/**
 * Fetches the catalog's pictures into the data folder in the background,
 * after every import and at start (what an earlier run left waiting), two
 * at a time; `picturesChanged` tells the UIs how far it got. A picture that
 * fails keeps its reason until the host retries it (one product or all).
 * Also takes a picture the host gives a product itself.
 */
export class PictureService {
  private running = 0;
  private readonly inFlight = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly deps: PictureServiceDeps) {}

  /** The catalog changed (an import, an edit): queue its new addresses and fetch them. */
  catalogChanged(): void {
    if (this.deps.store.queueCatalog() > 0) this.announce();
    this.pump();
  }

  /** An import from a file in `folder` saved: its picture names that are files there are kept. */
  async importedFrom(folder: string): Promise<void> {
    if ((await keepLocalPictures(this.deps.store, this.deps.files, folder)) > 0 || this.deps.store.localNames().length > 0) this.announce();
  }

  retry(productId: number | null): PictureState {
    this.deps.store.retry(productId);
    this.announce();
    this.pump();
    return this.state();
  }

  state(): PictureState {
    return { progress: this.deps.store.progress(), failures: this.deps.store.failures() };
  }

  /** The host's own picture for a product (dropped in the product drawer); checked here, whatever the page said. */
  async attach(productId: number, bytes: Buffer): Promise<string> {
    if (bytes.length > MEDIA_MAX_BYTES) throw new StudioError('invalid-input', `That picture is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB. Use a smaller one.`);
    let mediaId: string;
    try {
      mediaId = await this.deps.files.put(bytes);
    } catch {
      throw new StudioError('invalid-input', 'That file is not a JPEG, PNG, WebP or GIF picture. Drop a photo in one of those formats.');
    }
    this.deps.store.setProductPicture(productId, mediaId);
    this.announce();
    return mediaId;
  }

  /** Resolves once nothing is waiting or being fetched. */
  idle(): Promise<void> {
    if (this.running === 0 && this.deps.store.waiting(1).length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
  }

  private pump(): void {
    while (!this.closed && this.running < PARALLEL) {
      // (`closed` is checked before every read: the studio closes the database right after closing this.)
      const next = this.deps.store.waiting(PARALLEL + this.inFlight.size).find((url) => !this.inFlight.has(url));
      if (next === undefined) break;
      this.running += 1;
      this.inFlight.add(next);
      void this.fetchOne(next).finally(() => {
        this.running -= 1;
        this.inFlight.delete(next);
        this.announce();
        this.pump();
        if (this.running === 0) this.settleIdle();
      });
    }
    if (this.running === 0) this.settleIdle();
  }

  private async fetchOne(url: string): Promise<void> {
    const fetched = await (this.deps.fetch ?? ((u: string) => fetchImage(u)))(url);
    if (this.closed) return;
    if (!fetched.ok) {
      this.deps.store.markFailed(url, fetched.reason);
      return;
    }
    try {
      const id = await this.deps.files.put(fetched.bytes);
      // Closed meanwhile: the database may be gone; the next start fetches this address again (the file is kept).
      if (!this.closed) this.deps.store.markReady(url, id);
    } catch (error) {
      if (this.closed) return;
      this.deps.log?.(`Could not keep the picture ${url}: ${error instanceof Error ? error.message : String(error)}`);
      this.deps.store.markFailed(url, 'the picture could not be saved in the data folder');
    }
  }

  private settleIdle(): void {
    // Closed: the database may be gone, so it is not asked; whoever waits is let go.
    if (!this.closed && this.deps.store.waiting(1).length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private announce(): void {
    if (!this.closed) this.deps.events.emit('picturesChanged', this.state());
  }
}
