import fs from 'node:fs';
import type { pictureChannels } from '../../shared/api/contract/pictures.js';
import { StudioError } from '../../shared/api/result.js';
import { MEDIA_MAX_BYTES } from '../../shared/media/media-id.js';
import type { Handlers } from '../api/dispatcher.js';
import { resolveImportSource } from '../catalog/import-source.js';
import type { PictureService } from './picture-service.js';

/** The picture requests (roles: src/shared/api/contract/roles.ts). */
export function pictureHandlers(
  pictures: PictureService,
  catalog: { getProduct(productId: number): unknown },
  uploadsDir: string,
): Pick<Handlers, keyof typeof pictureChannels> {
  return {
    getPictures: () => pictures.state(),
    retryPictures: ({ productId }) => {
      if (productId !== null) catalog.getProduct(productId); // not-found for a product that is gone
      return pictures.retry(productId);
    },
    setProductPicture: async ({ productId, source }, context) => {
      catalog.getProduct(productId);
      const file = await resolveImportSource(source, context, uploadsDir);
      try {
        const stat = await fs.promises.stat(file.filePath);
        if (stat.size > MEDIA_MAX_BYTES) {
          throw new StudioError('invalid-input', `That picture is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB. Use a smaller one.`);
        }
        return { mediaId: await pictures.attach(productId, await fs.promises.readFile(file.filePath)) };
      } finally {
        for (const f of file.uploadFiles) await fs.promises.rm(f, { force: true });
      }
    },
  };
}
