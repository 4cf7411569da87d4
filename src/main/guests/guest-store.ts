import type { StudioDatabase } from '../db/open-database.js';

/** One invite row as the guests service reads it (the token never leaves main except inside the host's link). */
export interface StoredInvite {
  readonly id: string;
  readonly showId: number;
  readonly token: string;
  readonly label: string;
  readonly singleUse: boolean;
  readonly expiresAt: number | null;
  readonly createdAt: number;
  readonly used: boolean;
  readonly revokedAt: number | null;
}

interface InviteRow {
  id: string;
  show_id: number;
  token: string;
  label: string;
  single_use: number;
  expires_at: number | null;
  created_at: number;
  used: number;
  revoked_at: number | null;
}

const COLUMNS = 'id, show_id, token, label, single_use, expires_at, created_at, used, revoked_at';

export const GUEST_INVITE_QUERIES = {
  /** A show's invites, newest first (the backstage list). */
  ofShow: `SELECT ${COLUMNS} FROM guest_invites WHERE show_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  /** A show's invites that still admit guests at `now` (what the SFU is told). */
  active: `SELECT ${COLUMNS} FROM guest_invites WHERE show_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
    ORDER BY created_at, rowid`,
  /**
   * What the SFU is told: every invite not revoked, newest first. An expired
   * one stays (its guests stay on; the SFU admits no one new with it) unless
   * no guest ever used it.
   */
  listed: `SELECT ${COLUMNS} FROM guest_invites WHERE show_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ? OR used = 1)
    ORDER BY created_at DESC, rowid DESC LIMIT ?`,
} as const;

const toInvite = (row: InviteRow): StoredInvite => ({
  id: row.id,
  showId: row.show_id,
  token: row.token,
  label: row.label,
  singleUse: row.single_use === 1,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  used: row.used === 1,
  revokedAt: row.revoked_at,
});

/** Invites in SQLite (migration 0180): the one writer is the guests service. */
export class GuestStore {
  constructor(private readonly db: StudioDatabase) {}

  insert(invite: Omit<StoredInvite, 'used' | 'revokedAt'>): StoredInvite {
    this.db
      .prepare(
        `INSERT INTO guest_invites (id, show_id, token, label, single_use, expires_at, created_at)
         VALUES (@id, @showId, @token, @label, @singleUse, @expiresAt, @createdAt)`,
      )
      .run({ ...invite, singleUse: invite.singleUse ? 1 : 0 });
    return this.get(invite.id)!;
  }

  get(id: string): StoredInvite | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM guest_invites WHERE id = ?`).get(id) as InviteRow | undefined;
    return row ? toInvite(row) : null;
  }

  ofShow(showId: number, limit = 100): StoredInvite[] {
    return (this.db.prepare(GUEST_INVITE_QUERIES.ofShow).all(showId, limit) as InviteRow[]).map(toInvite);
  }

  active(showId: number, now: number): StoredInvite[] {
    return (this.db.prepare(GUEST_INVITE_QUERIES.active).all(showId, now) as InviteRow[]).map(toInvite);
  }

  listed(showId: number, now: number, limit: number): StoredInvite[] {
    return (this.db.prepare(GUEST_INVITE_QUERIES.listed).all(showId, now, limit) as InviteRow[]).map(toInvite);
  }

  /** Revokes an invite (idempotent: the first revocation's time stays). True when it was live until now. */
  revoke(id: string, now: number): boolean {
    return this.db.prepare('UPDATE guest_invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0;
  }

  /** A guest joined with these invites: they show as used. True when any was not marked yet. */
  markUsed(ids: readonly string[]): boolean {
    const mark = this.db.prepare('UPDATE guest_invites SET used = 1 WHERE id = ? AND used = 0');
    return this.db.transaction(() => ids.reduce((changed, id) => mark.run(id).changes > 0 || changed, false))();
  }
}
