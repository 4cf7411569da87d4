import { readStaticFile } from '../static/static-files.js';
import { readMediaFile } from '../media/media-route.js';
import { SECURITY_HEADERS, studioContentSecurityPolicy } from '../security/content-security-policy.js';
import { APP_HOST } from './security-policy.js';

/**
 * The handler behind `protocol.handle('app', ...)`: files from the built
 * renderer only, with the CSP on every response. Uses the Fetch API's
 * Request/Response, so it runs (and is tested) in plain Node too.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  connectSources: () => readonly string[],
  /** Kept product pictures, served at /media/<id> (the compositor draws the pinned card's). */
  mediaDir?: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const media = mediaDir === undefined ? null : await readMediaFile(mediaDir, url.pathname);
    const file = media ?? (await readStaticFile(rendererDir, url.pathname));
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': studioContentSecurityPolicy(connectSources()),
        ...SECURITY_HEADERS,
      },
    });
  };
}
