import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from '../tests/harness/https-pictures.js';

export { solidPng } from '../tests/harness/https-pictures.js';

/**
 * Two stand-ins for the websites a store's product pictures come from, on
 * this machine: one sends `Access-Control-Allow-Origin: *` (a CDN such as
 * Shopify's), one sends no CORS header at all (many small hosts). Both are
 * https (the studio loads remote pictures only over https) with a
 * self-signed certificate, so a page that loads them needs a browser context
 * with `ignoreHTTPSErrors`. Every path serves a solid-colour PNG, except
 * /missing…, a 404.
 */

export interface PictureHost {
  /** https://127.0.0.1:PORT */
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `picture` on every path of https://127.0.0.1:<free port>, with or without a CORS header. */
export async function startPictureHost(picture: Buffer, options: { cors: boolean }): Promise<PictureHost> {
  const server = https.createServer(selfSignedCertificate(), (req, res) => {
    if (req.url?.startsWith('/missing')) {
      res.statusCode = 404; // a dead link in the store's product list
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Cache-Control', 'no-store');
    if (options.cors) res.setHeader('Access-Control-Allow-Origin', '*');
    res.end(req.method === 'HEAD' ? undefined : picture);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
