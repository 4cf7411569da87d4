import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, settingsPatchSchema } from './settings.js';
import { normalizeEmbedOrigin, storeSettingsPatchSchema } from './store-settings.js';

describe('store settings', () => {
  it('defaults to no store, no currency and no embedding page', () => {
    expect(defaultSettings().store).toEqual({ platform: 'other', url: '', currency: '', embedOrigins: [] });
  });

  it('keeps a patch of the store and leaves the rest', () => {
    const patch = settingsPatchSchema.parse({ store: { platform: 'shopify', url: 'https://shop.example.com', currency: 'eur' } });
    const next = applySettingsPatch(defaultSettings(), patch);
    expect(next.store).toEqual({ platform: 'shopify', url: 'https://shop.example.com', currency: 'EUR', embedOrigins: [] });
    expect(next.hostName).toBe('');
  });

  it('refuses a store address that is not https and says how to write it', () => {
    const r = storeSettingsPatchSchema.safeParse({ url: 'http://shop.example.com' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/https:\/\//);
  });

  it('refuses a currency that is not an ISO code', () => {
    expect(storeSettingsPatchSchema.safeParse({ currency: 'EURO' }).success).toBe(false);
    expect(storeSettingsPatchSchema.safeParse({ currency: 'ZZZ' }).success).toBe(false);
    expect(storeSettingsPatchSchema.safeParse({ currency: '' }).success).toBe(true);
  });

  it('reads embed origins as origins: https anywhere, http only on this computer, no path', () => {
    expect(normalizeEmbedOrigin('https://Shop.Example.com/')).toBe('https://shop.example.com');
    expect(normalizeEmbedOrigin('https://shop.example.com:8443')).toBe('https://shop.example.com:8443');
    expect(normalizeEmbedOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(normalizeEmbedOrigin('http://shop.example.com')).toBeNull();
    expect(normalizeEmbedOrigin('https://shop.example.com/products')).toBeNull();
    expect(normalizeEmbedOrigin('*')).toBeNull();
    // Nothing that widens frame-ancestors or adds a directive: wildcards, ";" and "," in the host.
    for (const sly of ['https://*', 'https://*.example.com', 'https://shop.com;sandbox', 'https://a.com,b.com', 'https://shop_1.com']) {
      expect(normalizeEmbedOrigin(sly), sly).toBeNull();
    }
    expect(normalizeEmbedOrigin('https://xn--bcher-kva.example')).toBe('https://xn--bcher-kva.example');
    expect(normalizeEmbedOrigin('https://bücher.example')).toBe('https://xn--bcher-kva.example');
    expect(normalizeEmbedOrigin('http://[::1]:8080')).toBe('http://[::1]:8080');
    const r = storeSettingsPatchSchema.parse({ embedOrigins: ['https://shop.example.com/'] });
    expect(r.embedOrigins).toEqual(['https://shop.example.com']);
  });
});
