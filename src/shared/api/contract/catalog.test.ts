import { describe, expect, it } from 'vitest';
import { catalogChannels } from './catalog.js';

const parse = (input: unknown) => catalogChannels.searchCatalog.input.safeParse(input);

describe('searchCatalog input', () => {
  it('takes an offset page, or a page after or before a row’s sort key', () => {
    expect(parse({ query: 'tee' })).toMatchObject({ success: true, data: { query: 'tee', offset: 0, limit: 100 } });
    expect(parse({ after: { order: 'title', title: 'Mug', productId: 4, position: 0 } }).success).toBe(true);
    expect(parse({ query: 'm', before: { order: 'rank', variantId: 9 } }).success).toBe(true);
    expect(parse({ query: 'm', after: { order: 'catalog', variantId: 9 }, limit: 200 }).success).toBe(true);
  });

  it('refuses both directions at once, an offset with a cursor, and malformed cursors', () => {
    const at = { order: 'catalog', variantId: 9 } as const;
    expect(parse({ after: at, before: at }).success).toBe(false);
    expect(parse({ after: at, offset: 200 }).success).toBe(false);
    expect(parse({ after: { order: 'rank', variantId: 1.5 } }).success).toBe(false);
    expect(parse({ after: { order: 'title', title: 'Mug', productId: 0, position: 0 } }).success).toBe(false);
    expect(parse({ after: { order: 'catalog', variantId: 9, extra: 1 } }).success).toBe(false);
    expect(parse({ after: { order: 'price', variantId: 9 } }).success).toBe(false);
  });
});
