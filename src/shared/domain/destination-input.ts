import { rtmpUrlSchema, streamKeySchema } from '../sfu/protocol-egress.js';
import { DESTINATION_ORIENTATIONS, PLATFORM_PRESETS, type DestinationOrientation, type Platform } from './destinations.js';

/**
 * What a host types into Settings → Destinations, checked with messages a
 * host understands. The same checks run in the form (as they type) and in
 * main (which refuses anything else), so both say the same thing.
 */

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = (message: string): Checked<never> => ({ ok: false, message });

export function checkDestinationName(text: string): Checked<string> {
  const name = text.trim();
  if (name === '') return no('Give the destination a name, such as "YouTube" or "Shop’s Facebook page".');
  if (name.length > 60) return no('The name is at most 60 characters.');
  return ok(name);
}

/** Horizontal (16:9) or vertical (9:16). */
export function checkOrientation(text: string): Checked<DestinationOrientation> {
  const found = DESTINATION_ORIENTATIONS.find((o) => o === text);
  return found ? ok(found) : no('Choose Horizontal 16:9 or Vertical 9:16 for this destination.');
}

/** Platforms that take secure streams only (RTMPS). */
const RTMPS_ONLY: Partial<Record<Platform, string>> = { facebook: 'Facebook', instagram: 'Instagram' };

/** The server URL: rtmp:// or rtmps:// and a server; spaces around it are dropped. `platform`: its own rules too. */
export function checkServerUrl(text: string, platform: Platform = 'custom'): Checked<string> {
  const url = text.trim();
  if (url === '') return no('Paste the server URL (it starts with rtmp:// or rtmps://).');
  if (/\s/.test(url)) return no('The server URL has a space in it. Copy it again from your platform, all in one piece.');
  if (/^https?:\/\//i.test(url)) {
    return no(
      'That is a web page address (http://). The address for streaming starts with rtmp:// or rtmps://: your platform shows it next to the stream key, as "Server URL" or "Stream URL".',
    );
  }
  if (/^(srt|rist|whip|wss?):\/\//i.test(url)) return no('The studio sends to RTMP and RTMPS servers only: the server URL starts with rtmp:// or rtmps://.');
  if (!/^rtmps?:\/\//i.test(url)) return no('A server URL starts with rtmp:// or rtmps://, for example rtmp://a.rtmp.youtube.com/live2.');
  if (url.length > 2048) return no('That server URL is too long to be one.');
  const parsed = rtmpUrlSchema.safeParse(url);
  if (!parsed.success) return no('That server URL does not name a server. It looks like rtmps://live-api-s.facebook.com:443/rtmp/.');
  const secureOnly = RTMPS_ONLY[platform];
  if (secureOnly && !/^rtmps:\/\//i.test(url)) {
    return no(`${secureOnly} takes secure streams only: its server URL starts with rtmps://. Copy it again from ${secureOnly}’s Live Producer.`);
  }
  return ok(url);
}

/** The stream key: no spaces inside (spaces around it, from copying, are dropped). */
export function checkStreamKey(text: string): Checked<string> {
  const key = text.trim();
  if (key === '') return no('Paste the stream key.');
  if (/^rtmps?:\/\//i.test(key)) return no('That is a server URL, not a stream key. Paste the server URL above, and the key here.');
  if (/\s/.test(key)) {
    return no('The stream key has a space or a line break in it. Stream keys never do: copy it again with your platform’s Copy button.');
  }
  if (key.length > 512) return no('That is too long to be a stream key.');
  if (!streamKeySchema.safeParse(key).success) {
    return no('The stream key has characters stream keys never have. Copy it again with your platform’s Copy button.');
  }
  return ok(key);
}

/**
 * A server URL that already ends with the stream key (some platforms show
 * one "stream URL" with the key in it; hosts paste it whole). Returns the
 * two parts to offer the host, or null when the URL looks like a server
 * only. For a platform with a known server, anything after it is the key;
 * otherwise an RTMP address is rtmp://server/app/key: the last of two or
 * more path parts is taken for the key (the host decides: this is only an offer).
 */
export function splitKeyFromUrl(text: string, platform: Platform): { readonly serverUrl: string; readonly streamKey: string } | null {
  const url = text.trim();
  if (!/^rtmps?:\/\//i.test(url) || /\s/.test(url)) return null;
  const preset = PLATFORM_PRESETS[platform].serverUrl;
  if (preset) {
    const base = preset.replace(/\/+$/, '');
    if (url.toLowerCase().startsWith(`${base.toLowerCase()}/`)) {
      const key = url.slice(base.length).replace(/^\/+/, '');
      if (key !== '' && checkStreamKey(key).ok) return { serverUrl: preset, streamKey: key };
    }
  }
  const match = /^(rtmps?:\/\/[^/?#]+(?:\/+[^/]+)+)\/+([^/]+)\/*$/i.exec(url);
  if (!match) return null;
  const [, serverPart, key] = match;
  if (!serverPart || !key || !checkStreamKey(key).ok) return null;
  return { serverUrl: serverPart, streamKey: key };
}
