import { useEffect, useState } from 'react';
import type { ProductDetail, Variant } from '../../shared/domain/catalog.js';
import { useOpenLink } from '../api/environment.js';
import { useStudio } from '../api/studio-context.js';
import { PinButton } from '../live/PinButton.js';
import { PictureDrop } from './PictureDrop.js';
import { formatMoney, formatStock } from '../ui/format.js';
import { Modal } from '../ui/Modal.js';
import { ProductThumb } from '../ui/ProductThumb.js';
import { httpsUrl } from '../ui/safe-url.js';
import { useVideoPictureProblem } from '../ui/video-picture.js';

export interface ProductDetailDrawerProps {
  readonly productId: number;
  /** The variant the host opened it from, highlighted in the table. */
  readonly variantId: number | null;
  readonly onClose: () => void;
  readonly onAdd: (productId: number, variantId: number | null, label: string) => void;
}

/** Everything the studio knows about one product. Seller text is shown as text; description HTML never renders. */
export function ProductDetailDrawer({ productId, variantId, onClose, onAdd }: ProductDetailDrawerProps) {
  const studio = useStudio();
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void studio.getProduct({ productId }).then((r) => {
      if (!live) return;
      if (r.ok) setProduct(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [studio, productId]);

  return (
    <Modal variant="drawer" title={product?.title ?? 'Product'} onClose={onClose}>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {!product && !error && <p className="muted">Loading…</p>}
      {product && <ProductDetailBody product={product} variantId={variantId} onAdd={onAdd} />}
    </Modal>
  );
}

function ProductDetailBody({
  product,
  variantId,
  onAdd,
}: {
  product: ProductDetail;
  variantId: number | null;
  onAdd: (productId: number, variantId: number | null, label: string) => void;
}) {
  const openLink = useOpenLink();
  const [imageIndex, setImageIndex] = useState(0);
  const buyUrl = httpsUrl(product.buyUrl);
  const image = product.images[imageIndex] ?? product.images[0];
  return (
    <div className="product-detail">
      {image && (
        <div className="product-gallery">
          <ProductThumb url={image.url} alt={image.alt} size="large" />
          <VideoPictureNote url={image.url} />
          {product.images.length > 1 && (
            <ul className="gallery-strip" aria-label="Images">
              {product.images.map((img, i) => (
                <li key={img.id}>
                  <button
                    type="button"
                    className={`gallery-pick${i === imageIndex ? ' is-selected' : ''}`}
                    aria-label={`Image ${i + 1}${img.alt ? `: ${img.alt}` : ''}`}
                    aria-pressed={i === imageIndex}
                    onClick={() => setImageIndex(i)}
                  >
                    <ProductThumb url={img.url} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <PictureDrop key={product.id} productId={product.id} />

      <dl className="facts facts-compact">
        <dt>Vendor</dt>
        <dd>{product.vendor || '—'}</dd>
        <dt>Type</dt>
        <dd>{product.productType || '—'}</dd>
        <dt>Tags</dt>
        <dd>
          {product.tags.length === 0 ? '—' : product.tags.map((t) => <span key={t} className="tag">{t}</span>)}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`status-chip status-${product.status}`}>{product.status}</span>
        </dd>
        <dt>Store id</dt>
        <dd className="cell-mono">
          {product.sourceKey} <span className="muted">({product.sourceFormat})</span>
        </dd>
        <dt>Buy link</dt>
        <dd>
          {buyUrl ? (
            <button type="button" className="link-button" onClick={() => void openLink(buyUrl)} title={buyUrl}>
              Open product page ↗
            </button>
          ) : (
            <span className="muted">{product.buyUrl ? 'Not a secure (https) link' : 'None'}</span>
          )}
        </dd>
      </dl>

      <div className="product-actions">
        <PinButton productId={product.id} variantId={null} label={product.title} size="normal" />
        <button type="button" className="button button-primary" onClick={() => onAdd(product.id, null, product.title)}>
          + Add product to rundown
        </button>
      </div>

      <VariantsTable product={product} highlight={variantId} onAdd={(v) => onAdd(product.id, v.id, v.title ? `${product.title} — ${v.title}` : product.title)} />

      {product.descriptionText && (
        <section className="product-description">
          <h3>Description</h3>
          <p>{product.descriptionText}</p>
        </section>
      )}
    </div>
  );
}

/** Why the video card shows this product without its picture (the watch page's plain <img> still shows it). */
function VideoPictureNote({ url }: { url: string }) {
  const problem = useVideoPictureProblem(url);
  if (!problem) return null;
  return (
    <p className="picture-note" role="note">
      {problem === 'no-cors'
        ? "This picture's website doesn't allow it to be drawn on the video, so the video card shows the product without it. Viewers still see it on the watch page."
        : "This picture could not be loaded from its website, so the video card and the watch page show the product without it. Check the image link in your store's product list."}
    </p>
  );
}

function VariantsTable({ product, highlight, onAdd }: { product: ProductDetail; highlight: number | null; onAdd: (v: Variant) => void }) {
  const optionNames = product.optionNames;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Variants</caption>
        <thead>
          <tr>
            <th scope="col" aria-label="Image" />
            {optionNames.length === 0 ? <th scope="col">Variant</th> : optionNames.map((n) => <th key={n} scope="col">{n}</th>)}
            <th scope="col">SKU</th>
            <th scope="col" className="cell-num">Price</th>
            <th scope="col" className="cell-num">Compare at</th>
            <th scope="col" className="cell-num">Stock</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {product.variants.map((v) => (
            <tr key={v.id} className={v.id === highlight ? 'is-selected' : undefined}>
              <td className="cell-thumb">
                <ProductThumb url={v.imageUrl} />
              </td>
              {optionNames.length === 0 ? (
                <td>{v.title || 'Default'}</td>
              ) : (
                optionNames.map((n, i) => <td key={n}>{v.optionValues[i] ?? ''}</td>)
              )}
              <td className="cell-mono">{v.sku ?? '—'}</td>
              <td className="cell-num">{formatMoney(v.price, product.currency)}</td>
              <td className="cell-num">
                {v.compareAtPrice ? <s className="compare-at">{formatMoney(v.compareAtPrice, product.currency)}</s> : '—'}
              </td>
              <td className={`cell-num${v.stock !== null && v.stock <= 0 ? ' sold-out' : ''}`}>{formatStock(v.stock)}</td>
              <td className="cell-action">
                <PinButton productId={product.id} variantId={v.id} label={v.title ? `${product.title} — ${v.title}` : product.title} />{' '}
                <button type="button" className="button button-small" onClick={() => onAdd(v)} aria-label={`Add ${v.title || product.title} to rundown`}>
                  + Rundown
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
