/**
 * Stand-ins for the websites a store's pictures come from, on this machine
 * (a harness: no vitest). https with a self-signed certificate for
 * 127.0.0.1: a browser needs `ignoreHTTPSErrors`, a Node client the
 * certificate as its `ca` (or NODE_EXTRA_CA_CERTS for a child process).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width×height PNG of one colour (8-bit RGB). */
export function solidPng(width: number, height: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => [r, g, b][i % 3]!)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-picture-host-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile], {
      stdio: 'ignore',
    });
    return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface PictureServer {
  /** https://127.0.0.1:PORT */
  readonly origin: string;
  /** Its certificate (PEM). */
  readonly certificate: string;
  /** Paths asked for, in order. */
  readonly requests: string[];
  /** Each request's User-Agent, in the same order (the studio's fetcher names itself). */
  readonly agents: string[];
  /** Connections opened to it (a TLS handshake that failed counts too): 0 means nothing reached it. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Serves each path's answer: a body with its type, or a status with no body; anything else is a 404. */
export async function startPictureServer(
  routes: Readonly<Record<string, { readonly body: Buffer; readonly type: string } | { readonly status: number; readonly location?: string }>>,
): Promise<PictureServer> {
  const tls = selfSignedCertificate();
  const requests: string[] = [];
  const agents: string[] = [];
  const server = https.createServer(tls, (req, res) => {
    requests.push(req.url ?? '');
    agents.push(req.headers['user-agent'] ?? '');
    const route = routes[req.url ?? ''];
    if (!route) {
      res.statusCode = 404;
      res.end();
    } else if ('status' in route) {
      res.writeHead(route.status, route.location ? { Location: route.location } : {});
      res.end();
    } else {
      res.writeHead(200, { 'Content-Type': route.type });
      res.end(route.body);
    }
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    certificate: tls.cert.toString(),
    requests,
    agents,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
