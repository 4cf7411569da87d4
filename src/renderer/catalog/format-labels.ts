import type { CatalogFormat } from '../../shared/domain/catalog.js';

export const FORMAT_LABELS: Record<CatalogFormat, string> = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  google: 'Google Merchant',
  csv: 'Other CSV',
};
