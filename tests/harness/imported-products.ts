/** Builders for parser output, so store tests (and benchmarks) need no files. A harness: no vitest here. */
import type { ImportedProduct, ImportedVariant } from '../../src/main/catalog/import/types.js';

let nextLine = 2;

export function importedVariant(fields: Partial<ImportedVariant> = {}): ImportedVariant {
  return {
    line: nextLine++,
    sku: null,
    barcode: null,
    optionValues: [],
    price: '10.00',
    compareAtPrice: null,
    stock: null,
    imageUrl: null,
    platformId: null,
    ...fields,
  };
}

export function importedProduct(
  fields: Partial<Omit<ImportedProduct, 'variants'>> & { variants?: Partial<ImportedVariant>[] } = {},
): ImportedProduct {
  const { variants, ...rest } = fields;
  const line = nextLine++;
  return {
    line,
    sourceKey: `product-${line}`,
    title: `Product ${line}`,
    descriptionHtml: '',
    descriptionText: '',
    vendor: 'Acme',
    productType: '',
    tags: [],
    status: 'active',
    buyUrl: null,
    currency: 'USD',
    platformId: null,
    optionNames: [],
    images: [],
    ...rest,
    variants: (variants ?? [{}]).map((v) => importedVariant(v)),
  };
}

/** A T-shirt in three sizes, the shape most tests use. */
export const tshirt = (overrides: Partial<ImportedProduct> = {}): ImportedProduct =>
  importedProduct({
    sourceKey: 'classic-tee',
    title: 'Classic T-Shirt',
    vendor: 'Northwind',
    productType: 'Shirts',
    tags: ['cotton', 'summer'],
    optionNames: ['Size', 'Color'],
    images: [
      { url: 'https://cdn.example/tee-front.jpg', alt: 'Front' },
      { url: 'https://cdn.example/tee-back.jpg', alt: 'Back' },
    ],
    variants: [
      { sku: 'TS-BLK-S', optionValues: ['S', 'Black'], price: '19.99', stock: 5 },
      { sku: 'TS-BLK-M', optionValues: ['M', 'Black'], price: '19.99', stock: 0 },
      { sku: 'TS-BLK-L', optionValues: ['L', 'Black'], price: '21.50', compareAtPrice: '25.00', stock: 12 },
    ],
    ...overrides,
  });
