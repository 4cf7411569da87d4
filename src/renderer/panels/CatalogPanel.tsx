import { EmptyState, Panel } from './Panel.js';

export function CatalogPanel() {
  return (
    <Panel id="catalog" title="Catalog">
      <EmptyState title="No products yet">
        Import your product list — a Shopify or WooCommerce export, a Google Merchant feed or any CSV — then search it by
        title, SKU or tag while you are live.
      </EmptyState>
    </Panel>
  );
}
