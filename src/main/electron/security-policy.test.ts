import { describe, expect, it } from 'vitest';
import { isExternalLinkAllowed, isNavigationAllowed, isPermissionGranted } from './security-policy.js';

describe('permission policy', () => {
  it('grants camera, microphone and screen capture to the app itself', () => {
    expect(isPermissionGranted('media', 'app://studio/index.html')).toBe(true);
    expect(isPermissionGranted('display-capture', 'app://studio/index.html#settings')).toBe(true);
  });

  it.each([
    ['media', 'https://evil.example/'],
    ['media', 'app://other/index.html'],
    ['media', 'http://127.0.0.1:4780/'],
    ['media', undefined],
    ['geolocation', 'app://studio/index.html'],
    ['notifications', 'app://studio/index.html'],
    ['openExternal', 'app://studio/index.html'],
  ])('refuses %s for %s', (permission, url) => {
    expect(isPermissionGranted(permission, url)).toBe(false);
  });
});

describe('navigation and links', () => {
  it('keeps the window on the app', () => {
    expect(isNavigationAllowed('app://studio/index.html#settings')).toBe(true);
    expect(isNavigationAllowed('https://myshop.com/')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
  });

  it('hands only https links to the system browser', () => {
    expect(isExternalLinkAllowed('https://myshop.com/products/tee')).toBe(true);
    for (const url of ['http://myshop.com', 'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'https://user:pw@host/', 'nonsense']) {
      expect(isExternalLinkAllowed(url), url).toBe(false);
    }
  });
});
