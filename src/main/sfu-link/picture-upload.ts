import http from 'node:http';
import https from 'node:https';
import { MEDIA_ROUTE_PREFIX } from '../../shared/media/media-id.js';
import type { SfuLinkOptions } from './sfu-link-options.js';

/**
 * Sends one kept picture to the SFU before a pin names it
 * (`PUT /media/<id>?show=<room>` with the host token, src/sfu/media-routes.ts),
 * so the watch page loads it from the SFU's own origin. The SFU's HTTP
 * address is its signaling address's origin. Resolves true once the SFU has
 * it; false when it could not be sent (the pin goes out anyway: the card
 * then shows the store's picture address, if any).
 */
export function uploadPicture(signalUrl: string, room: string, hostToken: string, id: string, body: Buffer, timeoutMs = 15_000): Promise<boolean> {
  const base = new URL(signalUrl);
  base.protocol = base.protocol === 'wss:' ? 'https:' : 'http:';
  const url = new URL(`${MEDIA_ROUTE_PREFIX}${id}`, base.origin);
  url.searchParams.set('show', room);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      url,
      { method: 'PUT', headers: { Authorization: `Bearer ${hostToken}`, 'Content-Type': 'application/octet-stream', 'Content-Length': body.length }, timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode === 201 || res.statusCode === 204);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

/** Which pictures each connection's SFU has, and sending the ones it lacks (a restarted SFU has none). */
export class PictureSender {
  private readonly sent = new WeakMap<object, Set<string>>();

  constructor(private readonly options: Pick<SfuLinkOptions, 'signalUrl' | 'room' | 'hostToken' | 'pictureBytes' | 'log'>) {}

  /** null: nothing to send (no picture, already there, or no pictures kept); else resolves once tried. */
  send(connection: object, id: string | undefined): Promise<void> | null {
    const pictureBytes = this.options.pictureBytes;
    const sent = this.sent.get(connection) ?? new Set<string>();
    this.sent.set(connection, sent);
    if (!id || !pictureBytes || sent.has(id)) return null;
    return pictureBytes(id)
      .then((bytes) => (bytes ? uploadPicture(this.options.signalUrl, this.options.room, this.options.hostToken, id, bytes) : false))
      .then((ok) => {
        if (ok) sent.add(id);
        else this.options.log?.(`A product picture (${id}) could not be sent to the SFU; the card shows the store's address instead.`);
      });
  }
}
