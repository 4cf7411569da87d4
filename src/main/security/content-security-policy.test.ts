import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { remoteSfuAddress } from '../live/sfu-address.js';
import { META_CONNECT_SOURCES, studioContentSecurityPolicy, studioMetaContentSecurityPolicy } from './content-security-policy.js';

const indexHtml = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

const directives = (policy: string): Map<string, string> =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );

/** A source list allows a URL source if it lists it or its scheme ("wss:"). */
const allows = (sources: readonly string[], source: string): boolean =>
  sources.includes(source) || sources.includes(`${source.split('://')[0]}:`);

describe('studio Content-Security-Policy', () => {
  it('is in the renderer index.html as a <meta>, exactly as defined here', () => {
    const metas = [...indexHtml.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
    expect(metas).toHaveLength(1);
    expect(metas[0]![1]).toBe(studioMetaContentSecurityPolicy());
    // A <meta> policy only covers what comes after it.
    expect(indexHtml.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(indexHtml.search(/<(link|script|style)\b/));
  });

  it('loads no inline script (the policy would block it)', () => {
    const scripts = [...indexHtml.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=/);
  });

  it('says the same in the header and the <meta>, except what only a header can say and connect-src', () => {
    const header = directives(studioContentSecurityPolicy(['ws://127.0.0.1:*']));
    const meta = directives(studioMetaContentSecurityPolicy());
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect(meta.has('frame-ancestors')).toBe(false);
    for (const name of ['frame-ancestors', 'connect-src']) header.delete(name);
    meta.delete('connect-src');
    expect(meta).toEqual(header);
  });

  it('stays strict in both forms (the security scan does not judge it: see index.html)', () => {
    for (const policy of [studioContentSecurityPolicy(['wss://live.shop.com']), studioMetaContentSecurityPolicy()]) {
      const d = directives(policy);
      expect(d.get('script-src')).toBe("'self'");
      expect(d.get('object-src')).toBe("'none'");
      expect(d.get('base-uri')).toBe("'none'");
      for (const [name, sources] of d) {
        expect(sources, name).not.toMatch(/'unsafe-eval'|'wasm-unsafe-eval'|(^| )(http:|\*)( |$)/);
        if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
      }
    }
  });

  it('lets the <meta> connect everywhere the header can (the built-in SFU on loopback, a remote SFU)', () => {
    const runtimeSources = [
      'ws://127.0.0.1:*', // LiveService.connectSources(): the built-in SFU on any loopback port
      remoteSfuAddress('https://live.shop.com/').connectSource,
      remoteSfuAddress('http://192.168.1.20:4443/live/signal').connectSource,
    ];
    const header = directives(studioContentSecurityPolicy(runtimeSources)).get('connect-src')!.split(' ');
    for (const source of header) expect(allows(META_CONNECT_SOURCES, source), source).toBe(true);
  });
});
