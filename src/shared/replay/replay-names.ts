/**
 * Names of published replays: the folder's name is the last part of its web
 * address (`/replay/<name>/` on `studio sfu`), so it is short, lower-case
 * ASCII and URL-safe, whatever the show was called.
 */

/** Where `studio sfu` serves replays. */
export const REPLAY_ROUTE_PREFIX = '/replay/';

/** A replay folder name the SFU serves: letters, digits, "-" and "_"; no dots, so never "..". */
export const REPLAY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

const MAX_SLUG = 60;

/** "Spring Drop: Silk & Linen!" → "spring-drop-silk-linen"; "show" when nothing usable is left. */
export function replayFolderName(showName: string): string {
  const slug = showName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? 'show' : slug;
}

/** The replay's address under a server's base URL ("http://127.0.0.1:4443" → ".../replay/<name>/"). */
export function replayUrl(base: string, name: string): string {
  return `${base.replace(/\/+$/, '')}${REPLAY_ROUTE_PREFIX}${encodeURIComponent(name)}/`;
}
