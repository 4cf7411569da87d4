/**
 * The Content-Security-Policy of the studio UI, for both the desktop app
 * (app:// protocol) and the control server. No inline or remote scripts, no
 * plugins, no framing; remote images (product photos) and media streams are
 * allowed because a live-shopping UI shows them.
 */
export function studioContentSecurityPolicy(extraConnectSources: readonly string[] = []): string {
  const connect = ["'self'", ...extraConnectSources].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
