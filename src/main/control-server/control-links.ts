import crypto from 'node:crypto';
import { ROLES, type Role } from '../../shared/api/contract/roles.js';
import type { LinkLifetime } from '../../shared/domain/team-links.js';
import { LINK_LIFETIME_MS } from '../../shared/domain/team-links.js';
import type { SecretName, SecretStore } from '../settings/secret-store.js';

export const newControlToken = (): string => crypto.randomBytes(24).toString('base64url');

/** One role's link as the secret store keeps it. */
interface StoredLink {
  readonly token: string;
  /** Epoch ms; null: until the host makes a new one. */
  readonly expiresAt: number | null;
}

export interface TeamLink extends StoredLink {
  readonly role: Role;
}

/** What a token given by a browser turns out to be. */
export type TokenLookup =
  | { readonly ok: true; readonly role: Role }
  | { readonly ok: false; readonly message: string };

const secretName = (role: Role): SecretName => `controlServer.link.${role}`;

const sha256 = (text: string): Buffer => crypto.createHash('sha256').update(text).digest();

/**
 * The team's links: one token per role, each replaced ("New link…") on its
 * own, optionally expiring. Kept in the secret store; only the host ever
 * sees them (the roles table sends the links to no one else).
 */
export class ControlLinks {
  constructor(
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Adopts the single token of a version before roles as the host's link
   * (the studio's own bookmark keeps working), unless the host already has one.
   */
  adoptLegacyToken(token: string): void {
    if (this.read('host')) return;
    this.write('host', { token, expiresAt: null });
  }

  /** The role's link, made on first use (never expiring until the host says otherwise). */
  link(role: Role): TeamLink {
    const stored = this.read(role) ?? this.write(role, { token: newControlToken(), expiresAt: null });
    return { role, ...stored };
  }

  all(): TeamLink[] {
    return ROLES.map((role) => this.link(role));
  }

  /** A new token for one role: its old link stops working at once; the other roles' links are untouched. */
  renew(role: Role, lifetime: LinkLifetime): TeamLink {
    const ms = LINK_LIFETIME_MS[lifetime];
    return { role, ...this.write(role, { token: newControlToken(), expiresAt: ms === null ? null : this.now() + ms }) };
  }

  /**
   * Which role a token opens. Every role's token is compared in full (hashes
   * compared in constant time), so the time taken says nothing about which
   * role, or how much of a token, was right.
   */
  lookup(given: unknown): TokenLookup {
    if (typeof given !== 'string' || given === '') return { ok: false, message: WRONG_TOKEN };
    const givenHash = sha256(given);
    let found: TeamLink | null = null;
    for (const link of this.all()) if (crypto.timingSafeEqual(sha256(link.token), givenHash)) found = link;
    if (!found) return { ok: false, message: WRONG_TOKEN };
    if (found.expiresAt !== null && found.expiresAt <= this.now()) {
      return { ok: false, message: `This ${found.role} link has expired. Ask the host for a new link.` };
    }
    return { ok: true, role: found.role };
  }

  private read(role: Role): StoredLink | null {
    const raw = this.secrets.get(secretName(role));
    if (raw === null) return null;
    try {
      const value = JSON.parse(raw) as Partial<StoredLink>;
      if (typeof value.token === 'string' && value.token.length >= 16) {
        return { token: value.token, expiresAt: typeof value.expiresAt === 'number' ? value.expiresAt : null };
      }
    } catch {
      // damaged: a new link is made
    }
    return null;
  }

  private write(role: Role, link: StoredLink): StoredLink {
    this.secrets.set(secretName(role), JSON.stringify(link));
    return link;
  }
}

export const WRONG_TOKEN = 'This producer link is not valid (wrong or old access token). Ask the host for the current link.';
