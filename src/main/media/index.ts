import path from 'node:path';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { PictureLookup } from '../pin/product-card-builder.js';
import { storePictureFetcher, type FetchedImage } from './image-fetcher.js';
import { MediaFiles } from './media-files.js';
import { PictureService } from './picture-service.js';
import { PictureStore } from './picture-store.js';

export { pictureHandlers } from './picture-handlers.js';
export { readMediaFile } from './media-route.js';
export type { PictureService } from './picture-service.js';

/** The product pictures kept in the data folder, and who uses them. */
export interface Pictures {
  readonly service: PictureService;
  readonly files: MediaFiles;
  /** For the card builder: the card names its picture by id. */
  readonly lookup: PictureLookup;
  /** A kept picture's bytes, for the SFU link (sent before a pin). */
  bytes(id: string): Promise<Buffer | null>;
  /** Fetches an imported picture the way the catalog's are (for OBS and replays): public websites, and the store's own host. */
  readonly fetch: (url: string) => Promise<FetchedImage>;
}

export const mediaDirOf = (dataDir: string): string => path.join(dataDir, 'media');

/** Opens the picture store on the studio's database and resumes fetching what an earlier run left waiting. */
export function startPictures(deps: {
  readonly db: StudioDatabase;
  readonly dataDir: string;
  readonly events: StudioEventBus;
  /** Settings → Store's address, read on every fetch: pictures on its own host may be on the shop's network. */
  readonly storeUrl: () => string;
  /** Replaces the fetch (default: `storePictureFetcher(storeUrl)`). */
  readonly fetch?: (url: string) => Promise<FetchedImage>;
  readonly log?: (message: string) => void;
}): Pictures {
  const store = new PictureStore(deps.db);
  const files = new MediaFiles(mediaDirOf(deps.dataDir));
  const fetch = deps.fetch ?? storePictureFetcher(deps.storeUrl);
  const service = new PictureService({ store, files, events: deps.events, fetch, ...(deps.log ? { log: deps.log } : {}) });
  service.catalogChanged();
  return {
    service,
    files,
    lookup: { productPicture: (id) => store.productPicture(id), mediaForUrl: (url) => store.mediaForUrl(url) },
    bytes: (id) => files.read(id),
    fetch,
  };
}
