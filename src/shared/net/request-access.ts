/**
 * Whether a request to one of our servers (the producer console, the SFU)
 * comes from where the server expects. Decided here, for both servers:
 *
 * - Host: the request must name one of the server's own addresses, with the
 *   port it arrived on. A page on evil.example whose name was re-pointed at
 *   127.0.0.1 (DNS rebinding) still sends `Host: evil.example`, so it is
 *   refused before it can read any answer.
 * - Origin: a browser says which page opens a WebSocket. Only the server's
 *   own pages and origins it was told to trust may; any other site the host
 *   visits may not. No Origin at all is a program, not a web page (Node
 *   tools, the studio's own SFU link), and is let through.
 *
 * Pure string work: the servers pass their names, port and the headers in.
 */

export type AccessDecision =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** 421 for a Host that is not ours, 403 for an Origin we do not trust. */
      readonly status: 403 | 421;
      /** Plain words for whoever made the request. */
      readonly reason: string;
    };

/**
 * The desktop studio window's origin: the app:// protocol's scheme and host
 * (src/main/electron/security-policy.ts derives them from this). No web page can have it.
 */
export const DESKTOP_STUDIO_ORIGIN = 'app://studio';

/** The names of this computer that never leave it (IPv6 in brackets, as in a Host header). */
export const LOOPBACK_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface AccessRules {
  /** Names and addresses the server is reached by: the loopback names, plus the LAN addresses when LAN is on. */
  readonly names: readonly string[];
  /** The port the request arrived on: a Host header must carry it. */
  readonly port: number;
  /** Trust pages on `names` whatever their port (a studio page publishing to its SFU); otherwise only on `port`. */
  readonly originsOnAnyPort?: boolean;
  /** Further trusted origins, exactly as browsers send them (e.g. `app://studio`). */
  readonly extraOrigins?: readonly string[];
}

const ALLOWED: AccessDecision = { ok: true };

/** Checks the Host header against the server's own names and port. */
export function checkHost(rules: AccessRules, host: string | undefined): AccessDecision {
  if (host === undefined || host === '') {
    return { ok: false, status: 421, reason: 'The request did not say which address it was for (no Host header).' };
  }
  const authority = parseAuthority(host);
  if (authority && isOwnName(rules, authority.name) && (authority.port ?? 80) === rules.port) return ALLOWED;
  return {
    ok: false,
    status: 421,
    reason: `This server answers only at its own address (such as 127.0.0.1:${rules.port}), not at "${printable(host)}".`,
  };
}

/** Checks a WebSocket's (or a form post's) Origin header: missing is allowed, a foreign one is not. */
export function checkOrigin(rules: AccessRules, origin: string | undefined): AccessDecision {
  if (origin === undefined) return ALLOWED;
  const given = origin.trim().toLowerCase();
  if (given === 'null') {
    return { ok: false, status: 403, reason: 'A page without an origin (a sandboxed frame or a local file) may not connect here.' };
  }
  if ((rules.extraOrigins ?? []).some((o) => o.toLowerCase() === given)) return ALLOWED;
  const match = /^(https?):\/\/(.+)$/.exec(given);
  const authority = match ? parseAuthority(match[2]!) : null;
  if (match && authority && isOwnName(rules, authority.name)) {
    const port = authority.port ?? (match[1] === 'https' ? 443 : 80);
    if (rules.originsOnAnyPort || port === rules.port) return ALLOWED;
  }
  return {
    ok: false,
    status: 403,
    reason: `A page from ${printable(origin)} may not connect here; only this server's own pages may.`,
  };
}

/** An HTTP refusal written straight to a socket (a WebSocket upgrade refused before any WebSocket exists). */
export function rawHttpRefusal(decision: Extract<AccessDecision, { ok: false }>): string {
  const title = decision.status === 421 ? 'Misdirected Request' : 'Forbidden';
  const body = `${decision.reason}\n`;
  return [
    `HTTP/1.1 ${decision.status} ${title}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${utf8Length(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

interface Authority {
  /** Lower case; IPv6 keeps its brackets. */
  readonly name: string;
  readonly port: number | null;
}

/** `name[:port]` or `[v6]:port`; null for anything else (user info, paths, bad ports). */
function parseAuthority(text: string): Authority | null {
  const bracketed = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(text);
  const plain = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(text);
  const found = bracketed ?? plain;
  if (!found) return null;
  const port = found[2] === undefined ? null : Number(found[2]);
  if (port !== null && port > 65535) return null;
  return { name: found[1]!.toLowerCase(), port };
}

function isOwnName(rules: AccessRules, name: string): boolean {
  return rules.names.some((n) => n.toLowerCase() === name);
}

/** A header echoed in a reason: short, and nothing that could break a line. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
