import { describe, expect, it } from 'vitest';
import { readPriceEntry } from './price-entry.js';

describe('readPriceEntry', () => {
  it('reads what sellers type, in the host locale', () => {
    expect(readPriceEntry('$1,299.00', 'USD', 'en-US')).toEqual({ kind: 'ok', value: '1299.00', reading: 'Reads as $1,299.00' });
    expect(readPriceEntry('1.299,00 €', 'EUR', 'de-DE')).toEqual({ kind: 'ok', value: '1299.00', reading: 'Reads as 1.299,00\u00a0€' });
    expect(readPriceEntry('19,99', 'EUR', 'de-DE')).toEqual({ kind: 'ok', value: '19.99', reading: 'Reads as 19,99\u00a0€' });
    // The same "1,299": thousands for an en-US host, a decimal comma for a de-DE host.
    expect(readPriceEntry('1,299', 'USD', 'en-US')).toMatchObject({ kind: 'ok', value: '1299' });
    expect(readPriceEntry('1,299', 'EUR', 'de-DE')).toMatchObject({ kind: 'ok', value: '1.299' });
  });

  it('says plainly why it cannot', () => {
    expect(readPriceEntry('  ', 'USD', 'en-US')).toEqual({ kind: 'empty' });
    expect(readPriceEntry('-5', 'USD', 'en-US')).toEqual({ kind: 'bad', message: 'A price cannot be below zero.' });
    expect(readPriceEntry('ten', 'USD', 'en-US')).toEqual({ kind: 'bad', message: '“ten” is not a price. Type it like 1,299.00.' });
    expect(readPriceEntry('€5', 'USD', 'en-US')).toEqual({
      kind: 'bad',
      message: 'This product is priced in USD, not EUR: type the price in USD.',
    });
  });
});
