import crypto from 'node:crypto';

const sha256 = (text: string): Buffer => crypto.createHash('sha256').update(text).digest();

interface MintedToken {
  readonly expiresAt: number;
  readonly publisherId: string | null;
  /** Its connection may only receive (a backstage preview before Go live). */
  readonly receiveOnly: boolean;
}

/** Minted tokens one show may hold at once; the oldest goes first (a studio mints one per publish attempt). */
export const MAX_MINTED_PER_SHOW = 32;

/**
 * Which token makes a connection the host of a show. A show's own token wins;
 * otherwise the server-wide default (standalone `studio sfu --host-token`)
 * applies. With neither, nobody can host that show.
 *
 * A host may also mint short-lived tokens for its show (`mintPublishToken`):
 * the studio keeps the long-lived secret in its main process and hands its
 * publisher only a token that opens this one show, and only until it expires.
 */
export class HostTokens {
  private readonly perShow: Map<string, string>;
  /** show -> sha256(token) hex -> expiry (epoch ms) and the publisher it was minted for. Only hashes are kept. */
  private readonly minted = new Map<string, Map<string, MintedToken>>();

  constructor(
    private defaultToken: string | null,
    perShow: Readonly<Record<string, string>> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.perShow = new Map(Object.entries(perShow));
  }

  set(show: string, token: string | null): void {
    if (token === null) this.perShow.delete(show);
    else this.perShow.set(show, token);
  }

  setDefault(token: string | null): void {
    this.defaultToken = token;
  }

  /** A new token that admits `join` as host of this show only, until `ttlMs` from now (for `publisherId`, if given). */
  mint(show: string, ttlMs: number, publisherId: string | null = null, receiveOnly = false): { token: string; expiresAt: number } {
    const token = crypto.randomBytes(24).toString('base64url');
    const expiresAt = this.now() + ttlMs;
    const tokens = this.liveMinted(show) ?? new Map<string, MintedToken>();
    tokens.set(sha256(token).toString('hex'), { expiresAt, publisherId, receiveOnly });
    // Maps iterate in insertion order: drop the oldest beyond the cap.
    for (const key of tokens.keys()) {
      if (tokens.size <= MAX_MINTED_PER_SHOW) break;
      tokens.delete(key);
    }
    this.minted.set(show, tokens);
    return { token, expiresAt };
  }

  matches(show: string, given: string): boolean {
    const givenHash = sha256(given);
    // A minted token is looked up by its hash: timing reveals nothing usable about the token.
    const minted = this.liveMinted(show)?.get(givenHash.toString('hex'));
    if (minted !== undefined) return true;
    const expected = this.perShow.get(show) ?? this.defaultToken;
    if (expected === null || expected === '') return false;
    // Hash first so the comparison takes the same time whatever the lengths.
    return crypto.timingSafeEqual(sha256(expected), givenHash);
  }

  /** True for a live token minted with `mintPublishToken` (a publishing page's), false for the long-lived secret. */
  isMinted(show: string, given: string): boolean {
    return this.liveMinted(show)?.has(sha256(given).toString('hex')) === true;
  }

  /** The publisher a minted token was made for; null for a long-lived token or one minted without a publisher. */
  publisherOf(show: string, given: string): string | null {
    return this.liveMinted(show)?.get(sha256(given).toString('hex'))?.publisherId ?? null;
  }

  /** True for a live token minted to receive only. */
  isReceiveOnly(show: string, given: string): boolean {
    return this.liveMinted(show)?.get(sha256(given).toString('hex'))?.receiveOnly === true;
  }

  /** The show's minted tokens with the expired ones removed (undefined when none is left). */
  private liveMinted(show: string): Map<string, MintedToken> | undefined {
    const tokens = this.minted.get(show);
    if (!tokens) return undefined;
    const now = this.now();
    for (const [hash, { expiresAt }] of tokens) if (expiresAt <= now) tokens.delete(hash);
    if (tokens.size === 0) this.minted.delete(show);
    return tokens.size > 0 ? tokens : undefined;
  }
}
