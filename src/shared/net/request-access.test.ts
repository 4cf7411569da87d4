import { describe, expect, it } from 'vitest';
import { checkHost, checkOrigin, LOOPBACK_NAMES, rawHttpRefusal, type AccessRules } from './request-access.js';

const studio: AccessRules = { names: LOOPBACK_NAMES, port: 4781 };
const studioOnLan: AccessRules = { names: [...LOOPBACK_NAMES, '192.168.1.20'], port: 4781 };
const sfuHost: AccessRules = { names: LOOPBACK_NAMES, port: 4443, originsOnAnyPort: true, extraOrigins: ['app://studio'] };

describe('checkHost', () => {
  it.each(['127.0.0.1:4781', 'localhost:4781', 'LOCALHOST:4781', '[::1]:4781'])('accepts the server itself: %s', (host) => {
    expect(checkHost(studio, host)).toEqual({ ok: true });
  });

  it.each([
    ['a rebinding name', 'evil.example:4781'],
    ['a rebinding name without port', 'evil.example'],
    ['the right name on another port', '127.0.0.1:4782'],
    ['no port (80 is not ours)', 'localhost'],
    ['a trailing dot', 'localhost.:4781'],
    ['a LAN address while LAN is off', '192.168.1.20:4781'],
    ['user info', 'user@127.0.0.1:4781'],
    ['a port out of range', '127.0.0.1:99999'],
    ['an empty header', ''],
    ['no header at all', undefined],
  ])('refuses %s with 421 and says why', (_what, host) => {
    const decision = checkHost(studio, host);
    expect(decision).toMatchObject({ ok: false, status: 421 });
    expect(!decision.ok && decision.reason).toMatch(/^[A-Z].+\.$/);
  });

  it('accepts the LAN address when LAN is on', () => {
    expect(checkHost(studioOnLan, '192.168.1.20:4781')).toEqual({ ok: true });
    expect(checkHost(studioOnLan, '192.168.1.21:4781')).toMatchObject({ ok: false });
  });

  it('names the refused host in plain words, with nothing that could break a line', () => {
    const decision = checkHost(studio, 'evil.example:4781');
    expect(!decision.ok && decision.reason).toBe(
      'This server answers only at its own address (such as 127.0.0.1:4781), not at "evil.example:4781".',
    );
    const odd = checkHost(studio, 'a\u0000b\u00e9');
    expect(!odd.ok && odd.reason).toContain('"a?b?"');
  });

  it('treats a missing port as 80', () => {
    expect(checkHost({ names: LOOPBACK_NAMES, port: 80 }, 'localhost')).toEqual({ ok: true });
  });
});

describe('checkOrigin', () => {
  it('lets a request without Origin through: a program, not a web page', () => {
    expect(checkOrigin(studio, undefined)).toEqual({ ok: true });
  });

  it.each(['http://127.0.0.1:4781', 'http://localhost:4781', 'http://[::1]:4781', 'HTTP://LocalHost:4781'])(
    "accepts the server's own page: %s",
    (origin) => {
      expect(checkOrigin(studio, origin)).toEqual({ ok: true });
    },
  );

  it.each([
    ['another site', 'https://evil.example'],
    ['a rebinding site on our port', 'http://evil.example:4781'],
    ['another local page', 'http://127.0.0.1:8080'],
    ['a sandboxed frame or file', 'null'],
    ['the LAN address while LAN is off', 'http://192.168.1.20:4781'],
    ['a look-alike name', 'http://127.0.0.1.evil.example:4781'],
    ['a non-web scheme', 'file://localhost:4781'],
    ['garbage', 'not an origin'],
  ])('refuses %s with 403 and says why', (_what, origin) => {
    const decision = checkOrigin(studio, origin);
    expect(decision).toMatchObject({ ok: false, status: 403 });
    expect(!decision.ok && decision.reason).toMatch(/^[A-Z].+\.$/);
  });

  it('accepts a producer console on the LAN address when LAN is on', () => {
    expect(checkOrigin(studioOnLan, 'http://192.168.1.20:4781')).toEqual({ ok: true });
  });

  it('names the refused page', () => {
    const decision = checkOrigin(studio, 'https://evil.example');
    expect(!decision.ok && decision.reason).toBe(
      "A page from https://evil.example may not connect here; only this server's own pages may.",
    );
  });

  it('for SFU hosts: any local page, whatever its port, and the desktop app; never another site', () => {
    expect(checkOrigin(sfuHost, 'http://127.0.0.1:4781')).toEqual({ ok: true });
    expect(checkOrigin(sfuHost, 'http://localhost:51234')).toEqual({ ok: true });
    expect(checkOrigin(sfuHost, 'https://localhost')).toEqual({ ok: true });
    expect(checkOrigin(sfuHost, 'app://studio')).toEqual({ ok: true });
    expect(checkOrigin(sfuHost, 'app://other')).toMatchObject({ ok: false, status: 403 });
    expect(checkOrigin(sfuHost, 'https://evil.example')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('rawHttpRefusal', () => {
  it('is a complete HTTP response with a plain-text reason and the right length', () => {
    const decision = checkOrigin(studio, 'https://evil.example');
    if (decision.ok) throw new Error('expected a refusal');
    const text = rawHttpRefusal(decision);
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(head).toContain('Content-Type: text/plain; charset=utf-8');
    expect(body).toMatch(/^[\x20-\x7e\n]*$/); // ASCII: one byte per character
    expect(head).toContain(`Content-Length: ${body!.length}`);
    expect(body).toBe(`${decision.reason}\n`);
  });

  it('says 421 Misdirected Request for a Host that is not ours', () => {
    const decision = checkHost(studio, 'evil.example:4781');
    if (decision.ok) throw new Error('expected a refusal');
    expect(rawHttpRefusal(decision)).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/);
  });
});
