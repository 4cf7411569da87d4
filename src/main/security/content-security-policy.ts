/**
 * The Content-Security-Policy of the studio UI, for both the desktop app
 * (app:// protocol) and the control server. No inline or remote scripts, no
 * plugins, no framing; remote images (product photos) and media streams are
 * allowed because a live-shopping UI shows them.
 *
 * The same directives are also in a `<meta http-equiv>` in
 * src/renderer/index.html (defence in depth, and what static scanners see);
 * content-security-policy.test.ts fails when the two drift apart.
 */
function studioDirectives(connectSources: readonly string[]): ReadonlyArray<readonly [string, string]> {
  return [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob: https:"],
    ['media-src', "'self' blob: mediastream:"],
    ['font-src', "'self'"],
    ['connect-src', connectSources.join(' ')],
    ['worker-src', "'self' blob:"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
}

const serialize = (directives: ReadonlyArray<readonly [string, string]>): string =>
  directives.map(([name, sources]) => `${name} ${sources}`).join('; ');

/** The response header: connect-src names exactly the SFU in use (added at run time). */
export function studioContentSecurityPolicy(extraConnectSources: readonly string[] = []): string {
  return serialize(studioDirectives(["'self'", ...extraConnectSources]));
}

/**
 * Directives a `<meta>` policy cannot carry (browsers ignore them there);
 * they stay in the header only.
 */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * connect-src of the `<meta>` policy, which is fixed when the UI is built:
 * any WebSocket, for the built-in SFU on loopback and a remote SFU (its
 * address is a setting). Both policies apply, so the header still narrows
 * this to the SFU actually in use.
 */
export const META_CONNECT_SOURCES: readonly string[] = ["'self'", 'ws:', 'wss:'];

/** The policy in the `<meta http-equiv="Content-Security-Policy">` of the studio UI's index.html. */
export function studioMetaContentSecurityPolicy(): string {
  return serialize(studioDirectives(META_CONNECT_SOURCES).filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name)));
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
