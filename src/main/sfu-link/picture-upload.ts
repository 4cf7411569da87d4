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

/** A pin waits this long for its picture at most: a slow uplink must not hold the product off the show. */
export const PIN_WAITS_FOR_PICTURE_MS = 2_000;
/** A picture the SFU did not take is not tried again on this connection before this long (an older SFU has no /media). */
export const RETRY_FAILED_PICTURE_MS = 60_000;

interface ConnectionPictures {
  readonly sent: Set<string>;
  /** id -> when sending it last failed. */
  readonly failedAt: Map<string, number>;
  readonly sending: Map<string, Promise<void>>;
}

/** Which pictures each connection's SFU has, and sending the ones it lacks (a restarted SFU has none). */
export class PictureSender {
  private readonly byConnection = new WeakMap<object, ConnectionPictures>();

  constructor(
    private readonly options: Pick<SfuLinkOptions, 'signalUrl' | 'room' | 'hostToken' | 'pictureBytes' | 'log'>,
    private readonly waitMs = PIN_WAITS_FOR_PICTURE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * null: nothing to wait for (no picture, already there, no pictures kept, or it failed on this connection
   * less than a minute ago); else resolves once sent, or after `waitMs` while the upload goes on.
   */
  send(connection: object, id: string | undefined): Promise<void> | null {
    const pictureBytes = this.options.pictureBytes;
    const mine = this.byConnection.get(connection) ?? { sent: new Set<string>(), failedAt: new Map<string, number>(), sending: new Map<string, Promise<void>>() };
    this.byConnection.set(connection, mine);
    if (!id || !pictureBytes || mine.sent.has(id)) return null;
    const failedAt = mine.failedAt.get(id);
    if (failedAt !== undefined && this.now() - failedAt < RETRY_FAILED_PICTURE_MS) return null;
    let upload = mine.sending.get(id);
    if (!upload) {
      upload = pictureBytes(id)
        .then((bytes) => (bytes ? uploadPicture(this.options.signalUrl, this.options.room, this.options.hostToken, id, bytes) : false))
        .then((ok) => {
          mine.sending.delete(id);
          if (ok) {
            mine.sent.add(id);
            mine.failedAt.delete(id);
            return;
          }
          mine.failedAt.set(id, this.now());
          this.options.log?.(`A product picture (${id}) could not be sent to the SFU; the card shows the store's address instead.`);
        });
      mine.sending.set(id, upload);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.waitMs)));
    return Promise.race([upload, waited]).finally(() => clearTimeout(timer));
  }
}
