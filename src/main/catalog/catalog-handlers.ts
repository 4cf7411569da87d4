import type { catalogChannels } from '../../shared/api/contract/catalog.js';
import type { Handlers } from '../api/dispatcher.js';
import type { CatalogStore } from './catalog-store.js';
import type { ImportService } from './import-service.js';

export function catalogHandlers(deps: {
  readonly store: CatalogStore;
  readonly imports: ImportService;
}): Pick<Handlers, keyof typeof catalogChannels> {
  return {
    previewImport: (request, context) => deps.imports.preview(request, context),
    startImport: (request, context) => deps.imports.start(request, context),
    cancelImport: ({ importId }) => deps.imports.cancel(importId),
    searchCatalog: (search) => deps.store.search(search),
    getProduct: ({ productId }) => deps.store.getProduct(productId),
    getCatalogStats: () => deps.store.stats(),
  };
}
