import path from 'node:path';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { PictureLookup } from '../pin/product-card-builder.js';
import type { FetchedImage } from './image-fetcher.js';
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
}

export const mediaDirOf = (dataDir: string): string => path.join(dataDir, 'media');

/** Opens the picture store on the studio's database and resumes fetching what an earlier run left waiting. */
export function startPictures(deps: {
  readonly db: StudioDatabase;
  readonly dataDir: string;
  readonly events: StudioEventBus;
  readonly fetch?: (url: string) => Promise<FetchedImage>;
  readonly log?: (message: string) => void;
}): Pictures {
  const store = new PictureStore(deps.db);
  const files = new MediaFiles(mediaDirOf(deps.dataDir));
  const service = new PictureService({ store, files, events: deps.events, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.log ? { log: deps.log } : {}) });
  service.catalogChanged();
  return {
    service,
    files,
    lookup: { productPicture: (id) => store.productPicture(id), mediaForUrl: (url) => store.mediaForUrl(url) },
    bytes: (id) => files.read(id),
  };
}
