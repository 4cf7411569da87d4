import { describe, expect, it } from 'vitest';
import { currencyFractionDigits, decimalMarkShownBy, formatMoney, localeUsesDecimalComma, parseMoney, parseMoneyWithCurrency, shownCurrency } from './money.js';

/** Issue 19: prices read in the locale of whoever looks, and a price keeps the currency it names. */

const read = (text: string, storeCurrency = '') => {
  const { result, currency } = parseMoneyWithCurrency(text, { storeCurrency });
  return { value: result.ok ? result.value : result.reason, currency };
};

describe('formatMoney by locale', () => {
  it('writes one amount the way each locale does', () => {
    expect(formatMoney('68.00', 'USD', 'en-US')).toBe('$68.00');
    expect(formatMoney('68.00', 'USD', 'de-DE')).toBe('68,00\u00a0$');
    expect(formatMoney('1299', 'EUR', 'fr-FR')).toBe('1\u202f299,00\u00a0€');
    expect(formatMoney('1299', 'JPY', 'ja-JP')).toBe('￥1,299');
    expect(formatMoney('24', 'GBP', 'en-GB')).toBe('£24.00');
  });

  it('drops the cents of a whole amount only when asked (auction bids)', () => {
    expect(formatMoney('10.00', 'USD', 'en-US', { wholeWithoutCents: true })).toBe('$10');
    expect(formatMoney('10.50', 'USD', 'en-US', { wholeWithoutCents: true })).toBe('$10.50');
    expect(formatMoney('10', null, 'de-DE', { wholeWithoutCents: true })).toBe('10');
  });

  it('groups a bare amount by locale and survives a locale it does not know', () => {
    expect(formatMoney('1299.50', null, 'de-DE')).toBe('1.299,50');
    expect(formatMoney('5', 'USD', 'not a locale!')).toMatch(/5/);
  });
});

describe('shownCurrency', () => {
  it('prefers the currency the file named, then the store currency, else none', () => {
    expect(shownCurrency('eur', 'USD')).toBe('EUR');
    expect(shownCurrency(null, 'usd')).toBe('USD');
    expect(shownCurrency('', '')).toBeNull();
    expect(shownCurrency(null, ' ')).toBeNull();
  });
});

describe('parseMoneyWithCurrency: symbols', () => {
  it('maps symbols that name one currency', () => {
    expect(read('€24.00')).toEqual({ value: '24.00', currency: 'EUR' });
    expect(read('1.299,00 €')).toEqual({ value: '1299.00', currency: 'EUR' });
    expect(read('£5')).toEqual({ value: '5', currency: 'GBP' });
    expect(read('₹ 1,499')).toEqual({ value: '1499', currency: 'INR' });
    expect(read('₩12000')).toEqual({ value: '12000', currency: 'KRW' });
    expect(read('CA$19.99')).toEqual({ value: '19.99', currency: 'CAD' });
    expect(read('R$ 49,90')).toEqual({ value: '49.90', currency: 'BRL' });
  });

  it('reads a bare "$" as the store\'s dollar, else USD; a bare "¥" as CNY only for a CNY store', () => {
    expect(read('$1,299.00')).toEqual({ value: '1299.00', currency: 'USD' });
    expect(read('$5', 'CAD')).toEqual({ value: '5', currency: 'CAD' });
    expect(read('$5', 'EUR')).toEqual({ value: '5', currency: 'USD' });
    expect(read('¥1500')).toEqual({ value: '1500', currency: 'JPY' });
    expect(read('¥1500', 'CNY')).toEqual({ value: '1500', currency: 'CNY' });
  });

  it('lets an ISO code beside the amount win over a symbol', () => {
    expect(read('$15.00 AUD')).toEqual({ value: '15.00', currency: 'AUD' });
    expect(read('19,99')).toEqual({ value: '19.99', currency: null });
  });

  it('does not read cents as whole units', () => {
    expect(read('99¢')).toEqual({ value: 'not-a-number', currency: null });
  });
});

describe('ambiguous amounts a currency settles', () => {
  const strict = (text: string, storeCurrency = '') => parseMoneyWithCurrency(text, { refuseAmbiguous: true, storeCurrency });
  it('reads a lone mark before three digits as thousands in a currency without cents', () => {
    expect(strict('¥1,500', 'JPY')).toEqual({ result: { ok: true, value: '1500' }, currency: 'JPY' });
    expect(strict('¥12,000', 'JPY').result).toEqual({ ok: true, value: '12000' });
    expect(strict('¥120,000', 'JPY').result).toEqual({ ok: true, value: '120000' });
    expect(strict('₩25,000', 'JPY')).toEqual({ result: { ok: true, value: '25000' }, currency: 'KRW' });
    expect(strict('1.500 JPY').result).toEqual({ ok: true, value: '1500' });
    // A bare amount takes the store currency.
    expect(strict('1,500', 'JPY').result).toEqual({ ok: true, value: '1500' });
    expect(strict('1,500', 'EUR').result).toEqual({ ok: false, reason: 'ambiguous' });
    // Even where the decimal comma is known: there are no yen cents.
    expect(parseMoney('¥1,500', { decimalComma: true })).toEqual({ ok: true, value: '1500' });
  });
  it('reads "," as thousands after a symbol or code written with a "." decimal mark', () => {
    expect(strict('$1,299', 'JPY')).toEqual({ result: { ok: true, value: '1299' }, currency: 'USD' });
    expect(strict('£1,299').result).toEqual({ ok: true, value: '1299' });
    expect(strict('1,299 USD').result).toEqual({ ok: true, value: '1299' });
    // "$1.299" and the euro show nothing.
    expect(strict('$1.299').result).toEqual({ ok: false, reason: 'ambiguous' });
    expect(strict('€1,299').result).toEqual({ ok: false, reason: 'ambiguous' });
  });
  it('knows which currencies have no cents', () => {
    expect(currencyFractionDigits('JPY')).toBe(0);
    expect(currencyFractionDigits('krw')).toBe(0);
    expect(currencyFractionDigits('USD')).toBe(2);
    expect(currencyFractionDigits('')).toBeNull();
  });
});

describe('ambiguous amounts', () => {
  it('refuses a lone mark before three digits only when asked', () => {
    expect(parseMoney('1,299', { refuseAmbiguous: true })).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseMoney('€1.299', { refuseAmbiguous: true })).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseMoney('1,299', {})).toEqual({ ok: true, value: '1299' });
    // Not ambiguous: both marks, two decimals, a leading zero, four digits, several groups.
    for (const clear of ['1,299.00', '1.299,00', '19,99', '0.299', '1,2999', '1,299,000']) {
      expect(parseMoney(clear, { refuseAmbiguous: true }).ok).toBe(true);
    }
  });

  it('tells which decimal mark a clear price shows', () => {
    expect(decimalMarkShownBy('19,99 €')).toBe(',');
    expect(decimalMarkShownBy('1.299,00')).toBe(',');
    expect(decimalMarkShownBy('$19.99')).toBe('.');
    expect(decimalMarkShownBy('1,299.00 USD')).toBe('.');
    expect(decimalMarkShownBy('1,299')).toBeNull();
    expect(decimalMarkShownBy('20')).toBeNull();
    expect(decimalMarkShownBy('1,299,000')).toBeNull();
  });

  it('knows which locales write a decimal comma', () => {
    expect(localeUsesDecimalComma('de-DE')).toBe(true);
    expect(localeUsesDecimalComma('en-US')).toBe(false);
    expect(localeUsesDecimalComma('fr-FR')).toBe(true);
  });
});
