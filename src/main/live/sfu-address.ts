import crypto from 'node:crypto';
import { SIGNAL_PATH } from '../../shared/sfu/protocol-constants.js';

/** Where a remote SFU takes signaling and where its viewers watch. */
export interface RemoteSfuAddress {
  /** ws(s)://host[:port][/base]/signal */
  readonly signalUrl: string;
  /** http(s)://host[:port][/base] — the watch page is `${watchBase}/watch/<room>`. */
  readonly watchBase: string;
  /** For the studio UI's Content-Security-Policy (connect-src). */
  readonly connectSource: string;
}

/**
 * Reads the SFU address from Settings. Hosts paste what they were given:
 * "wss://live.shop.com", "https://live.shop.com", ".../signal" or the base
 * path of an SFU behind a reverse proxy ("https://shop.com/live/"). A
 * secure page address means secure signaling and vice versa.
 */
export function remoteSfuAddress(raw: string): RemoteSfuAddress {
  const url = new URL(raw.trim());
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  let base = url.pathname.replace(/\/+$/, '');
  if (base.endsWith(SIGNAL_PATH)) base = base.slice(0, -SIGNAL_PATH.length);
  if (base.endsWith('/watch')) base = base.slice(0, -'/watch'.length);
  const ws = `${secure ? 'wss' : 'ws'}://${url.host}`;
  return {
    signalUrl: `${ws}${base}${SIGNAL_PATH}`,
    watchBase: `${secure ? 'https' : 'http'}://${url.host}${base}`,
    connectSource: ws,
  };
}

export const watchUrl = (base: string, room: string): string => `${base}/watch/${encodeURIComponent(room)}`;

/** A room name that is easy to read out loud and type on a phone: "shop-7k2m9q". */
export function generateRoomName(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o, 1/l: read aloud and typed on phones
  const bytes = crypto.randomBytes(6);
  return `shop-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** A secret for the built-in SFU, new each time it starts. */
export const newHostToken = (): string => crypto.randomBytes(24).toString('base64url');
