import { describe, expect, it } from 'vitest';
import { allowedDomainOf, findLinkHosts, hasDisallowedLink, isAllowedHost } from './links.js';

describe('findLinkHosts', () => {
  it.each([
    ['see https://Shop.Example.com/deal?x=1', ['shop.example.com']],
    ['http://localhost:8080/x', ['localhost']],
    ['www.cheap-bags.net', ['www.cheap-bags.net']],
    ['go to shop.example.com now', ['shop.example.com']],
    ['bit.ly/x', ['bit.ly']],
    ['DM me at scam@gmail.com', ['gmail.com']],
    ['example . com', ['example.com']],
    ['example(dot)com', ['example.com']],
    ['example [.] com', ['example.com']],
    ['example dot com', ['example.com']],
    ['ｂｉｔ．ｌｙ/x', ['bit.ly']],
    ['bit。ly/x', ['bit.ly']],
    ['bit\u200B.ly/x', ['bit.ly']],
    ['pay at 192.168.0.7/checkout', ['192.168.0.7']],
  ])('%s', (text, hosts) => {
    expect(findLinkHosts(text)).toEqual(hosts);
  });

  it.each(['$5.99 each', 'e.g. the blue one', 'i.e. medium', 'wait...what', 'size.Medium', 'version 1.2.3', 'end. Then more', 'I like the dot pattern'])(
    'no link in %s',
    (text) => {
      expect(findLinkHosts(text)).toEqual([]);
    },
  );
});

describe('allowed domains', () => {
  const allowed = ['https://MyShop.com/', '*.partner.co', 'www.brand.store'].map(allowedDomainOf);

  it('normalizes what a producer types to a host name', () => {
    expect(allowed).toEqual(['myshop.com', 'partner.co', 'brand.store']);
  });

  it('allows the domain and its subdomains, not look-alikes', () => {
    expect(isAllowedHost('myshop.com', allowed)).toBe(true);
    expect(isAllowedHost('eu.shop.myshop.com', allowed)).toBe(true);
    expect(isAllowedHost('www.brand.store', allowed)).toBe(true);
    expect(isAllowedHost('notmyshop.com', allowed)).toBe(false);
    expect(isAllowedHost('myshop.com.evil.io', allowed)).toBe(false);
    // Cyrillic "о" and "р": looks the same, is another domain.
    expect(hasDisallowedLink('mysh\u043E\u0440.com', allowed)).toBe(true);
  });

  it('flags a message when any one link is outside the allowed domains', () => {
    expect(hasDisallowedLink('https://eu.myshop.com/p/1', allowed)).toBe(false);
    expect(hasDisallowedLink('https://eu.myshop.com/p/1 or bit.ly/x', allowed)).toBe(true);
  });
});

describe('hostile input', () => {
  it('scans long adversarial text in linear time (no regex backtracking blow-up)', () => {
    // Each of these took seconds at 20,000 characters with a backtracking host pattern.
    for (const text of ['a.'.repeat(10_000) + '1', `${' '.repeat(20_000)}.`, 'a-'.repeat(10_000), 'a . '.repeat(5_000)]) {
      const start = Date.now();
      findLinkHosts(text);
      expect(Date.now() - start, JSON.stringify(text.slice(0, 8))).toBeLessThan(250);
    }
  });
});
