import { useId } from 'react';
import { CATALOG_FIELDS, type CatalogField, type ColumnMapping } from '../../shared/domain/catalog.js';

const FIELD_LABELS: Record<CatalogField, string> = {
  handle: 'Product id / handle',
  title: 'Title',
  description: 'Description',
  vendor: 'Vendor / brand',
  productType: 'Product type',
  tags: 'Tags',
  status: 'Status',
  buyUrl: 'Buy link',
  currency: 'Currency',
  sku: 'SKU',
  barcode: 'Barcode',
  price: 'Price',
  compareAtPrice: 'Compare-at price',
  stock: 'Stock',
  imageUrl: 'Image URL',
  option1Name: 'Option 1 name',
  option1Value: 'Option 1 value',
  option2Name: 'Option 2 name',
  option2Value: 'Option 2 value',
  option3Name: 'Option 3 name',
  option3Value: 'Option 3 value',
};

/** For a generic CSV: which column feeds each catalog field. Each change re-runs the preview. */
export function ColumnMappingEditor({
  headers,
  mapping,
  disabled,
  onChange,
}: {
  headers: readonly string[];
  mapping: ColumnMapping;
  disabled: boolean;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const baseId = useId();
  return (
    <fieldset className="mapping-editor" disabled={disabled}>
      <legend>Columns</legend>
      <p className="help">We guessed which column holds what. Fix any that are wrong; the preview updates.</p>
      <div className="mapping-grid">
        {CATALOG_FIELDS.map((field) => {
          const id = `${baseId}-${field}`;
          const value = mapping[field] ?? '';
          return (
            <div key={field} className="mapping-row">
              <label htmlFor={id}>{FIELD_LABELS[field]}</label>
              <select
                id={id}
                className={`select${value ? '' : ' is-unset'}`}
                value={value}
                onChange={(e) => onChange({ ...mapping, [field]: e.target.value || null })}
              >
                <option value="">— not imported —</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
