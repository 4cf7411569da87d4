import { DESKTOP_STUDIO_ORIGIN } from '../../shared/net/request-access.js';

/** The desktop UI's own origin: defined once in src/shared, where the SFU's host check reads it too. */
export const APP_ORIGIN = DESKTOP_STUDIO_ORIGIN;
const appOrigin = new URL(APP_ORIGIN);
export const APP_SCHEME = appOrigin.protocol.slice(0, -1);
export const APP_HOST = appOrigin.host;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of the app's own UI. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Permissions the studio needs; everything else is refused. */
const GRANTED_PERMISSIONS = new Set(['media', 'display-capture', 'clipboard-sanitized-write', 'fullscreen']);

/**
 * Camera, microphone and screen capture (plus writing to the clipboard and
 * fullscreen) for the app's own pages; nothing for anyone else.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return isAppUrl(requestingUrl) && GRANTED_PERMISSIONS.has(permission);
}

/** The window may only move between the app's own pages. */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** Links that may be handed to the system browser: https only. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname.length > 0 && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
