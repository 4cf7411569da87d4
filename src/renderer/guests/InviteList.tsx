import type { GuestInvite } from '../../shared/domain/guests.js';
import { CopyButton } from '../ui/CopyButton.js';
import { formatDateTime } from '../ui/format.js';

export interface InviteListProps {
  readonly invites: readonly GuestInvite[];
  readonly busy: boolean;
  readonly onRevoke: (inviteId: string) => void;
}

function statusText(invite: GuestInvite): string {
  if (invite.status === 'revoked') return 'Revoked';
  if (invite.status === 'expired') return 'Expired';
  const use = invite.singleUse ? (invite.used ? 'Used (one person)' : 'Not used yet') : invite.used ? 'Reusable, used' : 'Reusable';
  return invite.expiresAt === null ? `${use} · until revoked` : `${use} · until ${formatDateTime(invite.expiresAt)}`;
}

/** The open show's invite links, newest first: copy a live one again, revoke it. */
export function InviteList({ invites, busy, onRevoke }: InviteListProps) {
  if (invites.length === 0) return <p className="backstage-note">No invite links yet. A guest joins from a link you send them.</p>;
  return (
    <ul className="invite-list" aria-label="Invite links">
      {invites.map((invite) => (
        <li key={invite.id} className="invite" data-status={invite.status} data-testid="invite">
          <span className="invite-label">{invite.label || 'Guest link'}</span>
          <span className="invite-status">{statusText(invite)}</span>
          {invite.status === 'active' && (
            <span className="invite-actions">
              {invite.url ? (
                <>
                  <input className="input invite-url" readOnly value={invite.url} aria-label={`Invite link for ${invite.label || 'a guest'}`} data-testid="invite-url" />
                  <CopyButton text={invite.url} label="Copy link" />
                </>
              ) : (
                <span className="invite-status">The link appears when the SFU is running.</span>
              )}
              <button type="button" className="button button-small" disabled={busy} onClick={() => onRevoke(invite.id)} data-testid="invite-revoke">
                Revoke
              </button>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
