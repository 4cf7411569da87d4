import { describe, expect, it } from 'vitest';
import { addMoney, compareMoney, formatMoney, isMoney, maxMoney, minMoney, multiplyMoney, parseMoney, parseMoneyWithCurrency } from './money.js';

const value = (text: string, decimalComma = false): string | null => {
  const r = parseMoney(text, { decimalComma });
  return r.ok ? r.value : null;
};

describe('parseMoney', () => {
  it.each([
    ['19.99', '19.99'],
    ['$19.99', '19.99'],
    ['1,299.00', '1299.00'],
    ['1.299,00', '1299.00'],
    ['19,99', '19.99'],
    ['  20 ', '20'],
    ['19.90', '19.90'],
    ['0.5', '0.5'],
    ['.5', '0.5'],
    ['007', '7'],
    ['00.50', '0.50'],
    ['1,299', '1299'],
    ['1,299,000', '1299000'],
    ['1.299.000', '1299000'],
    ['1 299,00', '1299.00'],
    ['1\u00a0299,00 €', '1299.00'],
    ["1'299.50", '1299.50'],
    ['€ 5', '5'],
    ['£12.5', '12.5'],
    ['US$ 3.10', '3.10'],
    ['R$ 49,90', '49.90'],
    ['0', '0'],
    ['+4', '4'],
    ['1,2345', '1.2345'],
  ])('reads %j as %j', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('reads a lone "." before three digits as thousands only in decimal-comma locales', () => {
    expect(value('1.299')).toBe('1.299');
    expect(value('1.299', true)).toBe('1299');
    expect(value('1,299', true)).toBe('1.299');
    expect(value('19,99', true)).toBe('19.99');
  });

  it.each(['abc', 'NaN', '', '   ', '-5', '5-', '(5)', '1e3', '1,2,3', '1.2.3,4.5', '12..5', '$', '.', 'Infinity', '1,29.00'])(
    'refuses %j',
    (text) => {
      expect(parseMoney(text).ok).toBe(false);
    },
  );

  it('says why it refused', () => {
    expect(parseMoney('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMoney('-3')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoney('abc')).toEqual({ ok: false, reason: 'not-a-number' });
  });

  it('returns the ISO currency written beside the amount', () => {
    expect(parseMoneyWithCurrency('15.00 USD')).toEqual({ result: { ok: true, value: '15.00' }, currency: 'USD' });
    expect(parseMoneyWithCurrency('USD 15.00')).toEqual({ result: { ok: true, value: '15.00' }, currency: 'USD' });
    expect(parseMoneyWithCurrency('15,00 EUR')).toEqual({ result: { ok: true, value: '15.00' }, currency: 'EUR' });
    expect(parseMoneyWithCurrency('1500 jpy')).toEqual({ result: { ok: true, value: '1500' }, currency: 'JPY' });
    expect(parseMoneyWithCurrency('9.99').currency).toBeNull();
  });

  it('produces canonical values', () => {
    for (const text of ['19.99', '$1,299.00', '0,5', '  7 ']) {
      const r = parseMoney(text);
      expect(r.ok && isMoney(r.value)).toBe(true);
    }
    expect(isMoney('1,299')).toBe(false);
    expect(isMoney('-1')).toBe(false);
  });
});

describe('money arithmetic', () => {
  it('compares across different numbers of decimals', () => {
    expect(compareMoney('20', '20.00')).toBe(0);
    expect(compareMoney('19.99', '20')).toBe(-1);
    expect(compareMoney('100.1', '100.09')).toBe(1);
  });

  it('adds without float error', () => {
    expect(addMoney('0.1', '0.2')).toBe('0.3');
    expect(addMoney('19.99', '5')).toBe('24.99');
    expect(addMoney('0.005', '0.995')).toBe('1.000');
    expect(addMoney('99999999999999999.99', '0.01')).toBe('100000000000000000.00');
  });

  it('multiplies by a whole quantity', () => {
    expect(multiplyMoney('19.99', 3)).toBe('59.97');
    expect(multiplyMoney('0.10', 0)).toBe('0.00');
    expect(multiplyMoney('1500', 2)).toBe('3000');
    expect(() => multiplyMoney('1', 1.5)).toThrow(RangeError);
    expect(() => multiplyMoney('1', -1)).toThrow(RangeError);
  });

  it('refuses non-canonical input instead of guessing', () => {
    expect(() => addMoney('1,299', '1')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats with the currency', () => {
    expect(formatMoney('19.99', 'USD', 'en-US')).toBe('$19.99');
    expect(formatMoney('1500', 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney('1299.5', 'EUR', 'de-DE')).toBe('1.299,50\u00a0€');
  });

  it('keeps large amounts exact', () => {
    expect(formatMoney('12345678901234567.15', 'USD', 'en-US')).toBe('$12,345,678,901,234,567.15');
  });

  it('falls back for unknown or missing currencies', () => {
    expect(formatMoney('19.90', null, 'en-US')).toBe('19.90');
    expect(formatMoney('5', 'NOPE', 'en-US')).toBe('5 NOPE');
  });
});

describe('minMoney / maxMoney', () => {
  it('compare by value across decimals and return the amount as written', () => {
    expect(minMoney('20.00', '9.99')).toBe('9.99');
    expect(maxMoney('20.00', '9.99')).toBe('20.00');
    expect(minMoney('5', '50')).toBe('5');
    expect(maxMoney('5', '50')).toBe('50');
  });

  it('return the first argument when both are equal in value', () => {
    expect(minMoney('20', '20.00')).toBe('20');
    expect(maxMoney('20.00', '20')).toBe('20.00');
  });
});
