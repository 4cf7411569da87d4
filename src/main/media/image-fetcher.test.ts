import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, startPictureServer, type PictureServer } from '../../../tests/harness/https-pictures.js';
import { fetchImage, storeHostOf, storePictureFetcher, type ImageFetchOptions, type ResolvedAddress } from './image-fetcher.js';
import { isPublicAddress } from './public-address.js';

/**
 * The fetcher against a real https server on this machine (self-signed,
 * trusted through `ca`). The server is on 127.0.0.1, which the studio never
 * fetches from; the test names it "pictures.test" through the lookup seam
 * and lets exactly that address through, so every other address still meets
 * the real policy.
 */

let server: PictureServer;
let port: string;
const png = solidPng(8, 8, [30, 120, 200]);
const huge = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024 + 1)]);

const names: Readonly<Record<string, ResolvedAddress[]>> = {
  'localhost': [{ address: '127.0.0.1', family: 4 }],
  'intranet.test': [{ address: '192.168.1.20', family: 4 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'split.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '10.1.2.3', family: 4 },
  ],
};
const resolve = (hostname: string) => Promise.resolve(names[hostname] ?? []);
let trusted: ImageFetchOptions;

beforeAll(async () => {
  server = await startPictureServer({
    '/mug.png': { body: png, type: 'image/png' },
    '/page.png': { body: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/png' },
    '/huge.png': { body: huge, type: 'image/png' },
    '/to-intranet.png': { status: 302, location: 'https://intranet.test/mug.png' },
    '/to-loopback.png': { status: 302, location: 'https://127.0.0.2/mug.png' },
    '/to-http.png': { status: 302, location: 'http://localhost/mug.png' },
    '/loop.png': { status: 302, location: '/loop.png' },
    '/moved.png': { status: 301, location: '/mug.png' },
    '/to-default-port.png': { status: 302, location: 'https://localhost/mug.png' },
  });
  port = new URL(server.origin).port;
  // The certificate names localhost: the test server stands for a public picture host.
  trusted = { ca: server.certificate, resolve, allowAddress: (a) => a === '127.0.0.1' || isPublicAddress(a) };
});
afterAll(() => server.close());

const at = (path: string) => `https://localhost:${port}${path}`;

describe('fetchImage', () => {
  it('fetches a picture and names its type by its first bytes', async () => {
    const fetched = await fetchImage(at('/mug.png'), trusted);
    expect(fetched).toEqual({ ok: true, bytes: png, extension: 'png' });
  });

  it('refuses a file that is not a picture, whatever its Content-Type says', async () => {
    expect(await fetchImage(at('/page.png'), trusted)).toEqual({ ok: false, reason: 'the file is not a JPEG, PNG, WebP or GIF picture' });
  });

  it('refuses a picture over 10 MB', async () => {
    expect(await fetchImage(at('/huge.png'), trusted)).toEqual({ ok: false, reason: 'the picture is larger than 10 MB' });
  });

  it('refuses http, also after a redirect, and stops after three redirects', async () => {
    expect(await fetchImage(`http://localhost:${port}/mug.png`, trusted)).toMatchObject({ ok: false, reason: 'the image address is not https' });
    expect(await fetchImage(at('/to-http.png'), trusted)).toMatchObject({ ok: false, reason: 'the image address is not https' });
    expect(await fetchImage(at('/loop.png'), trusted)).toMatchObject({ ok: false, reason: 'the website redirected too many times' });
  });

  it('never connects to this computer or the local network with the real policy', async () => {
    const before = server.requests.length;
    const policy = { ca: server.certificate, resolve };
    // A name that resolves to loopback, an IP literal, link-local metadata, a name with one private address among public ones.
    for (const url of [at('/mug.png'), `https://127.0.0.1:${port}/mug.png`, 'https://metadata.test/latest', 'https://split.test/a.png', `https://[::1]:${port}/a.png`]) {
      const fetched = await fetchImage(url, policy);
      expect(fetched.ok, url).toBe(false);
      expect(!fetched.ok && fetched.reason, url).toMatch(/private or local network/);
    }
    expect(server.requests.length).toBe(before);
  });

  it('refuses a redirect to a private address before connecting to it', async () => {
    const fetched = await fetchImage(at('/to-intranet.png'), trusted);
    expect(fetched).toEqual({ ok: false, reason: 'the address leads to a private or local network (192.168.1.20); only public websites are allowed' });
    const literal = await fetchImage(at('/to-loopback.png'), trusted);
    expect(literal).toMatchObject({ ok: false, reason: expect.stringMatching(/private or local network \(127\.0\.0\.2\)/) });
  });

  it('gives up on a website that does not answer in time', async () => {
    const fetched = await fetchImage('https://silent.test/a.png', {
      ...trusted,
      timeoutMs: 200,
      resolve: () => new Promise(() => undefined),
    });
    expect(fetched).toEqual({ ok: false, reason: 'the website did not answer within 1 s' });
  });
});

describe("the store's own host (Settings → Store)", () => {
  // The real policy (public addresses only) with the store's host trusted: the test server stands for a store on the shop's network.
  const storePolicy = (): ImageFetchOptions => ({ ca: server.certificate, resolve, trustedHost: `localhost:${port}` });
  const otherPort = () => String(Number(port) === 65535 ? 1024 : Number(port) + 1);

  it('fetches a picture on exactly the store host although it resolves to this computer, also after a redirect there', async () => {
    expect(await fetchImage(at('/mug.png'), storePolicy())).toEqual({ ok: true, bytes: png, extension: 'png' });
    expect(await fetchImage(at('/moved.png'), storePolicy())).toEqual({ ok: true, bytes: png, extension: 'png' });
  });

  it('refuses the same path on another local host or port without connecting', async () => {
    const before = server.connections;
    for (const url of [`https://127.0.0.1:${port}/mug.png`, `https://localhost:${otherPort()}/mug.png`, 'https://localhost/mug.png', `https://intranet.test:${port}/mug.png`]) {
      const fetched = await fetchImage(url, storePolicy());
      expect(!fetched.ok && fetched.reason, url).toMatch(/private or local network/);
    }
    expect(server.connections).toBe(before);
  });

  it('refuses a redirect from the store host to another private host or port', async () => {
    expect(await fetchImage(at('/to-intranet.png'), storePolicy())).toMatchObject({ ok: false, reason: expect.stringMatching(/private or local network \(192\.168\.1\.20\)/) });
    expect(await fetchImage(at('/to-loopback.png'), storePolicy())).toMatchObject({ ok: false, reason: expect.stringMatching(/private or local network \(127\.0\.0\.2\)/) });
    const requests = server.requests.length;
    expect(await fetchImage(at('/to-default-port.png'), storePolicy())).toMatchObject({ ok: false, reason: expect.stringMatching(/private or local network \(127\.0\.0\.1\)/) });
    expect(server.requests.slice(requests)).toEqual(['/to-default-port.png']); // the store's answer only, nothing after it
  });

  it('reads the store address on every fetch: a change applies to the next picture', async () => {
    let storeUrl = '';
    const fetchPicture = storePictureFetcher(() => storeUrl, { ca: server.certificate, resolve });
    expect(await fetchPicture(at('/mug.png'))).toMatchObject({ ok: false, reason: expect.stringMatching(/private or local network/) });
    storeUrl = `https://localhost:${port}/shop`;
    expect(await fetchPicture(at('/mug.png'))).toEqual({ ok: true, bytes: png, extension: 'png' });
    storeUrl = `https://localhost:${otherPort()}`;
    expect(await fetchPicture(at('/mug.png'))).toMatchObject({ ok: false, reason: expect.stringMatching(/private or local network/) });
  });

  it("names the store's host and port as a web address writes them", () => {
    expect(storeHostOf('https://Shop.LAN:8443/shop')).toBe('shop.lan:8443');
    expect(storeHostOf('https://192.168.1.20:443/')).toBe('192.168.1.20');
    expect(storeHostOf('https://[fd00::1]:8443')).toBe('[fd00::1]:8443');
    for (const url of ['', 'http://shop.lan', 'not a url']) expect(storeHostOf(url), url).toBeNull();
  });
});

describe('isPublicAddress', () => {
  it('tells public addresses from private, loopback, link-local and mapped ones', () => {
    for (const a of ['93.184.215.14', '8.8.8.8', '2606:4700::1111']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.5', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
});
