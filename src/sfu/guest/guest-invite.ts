/**
 * Runs in the guest's browser (and in unit tests): where the invite token
 * comes from. A link is `<sfu>/guest/<show>#invite=<token>`: the token sits in
 * the fragment so it never reaches a server log. The page keeps it in
 * sessionStorage (a reload of this tab still works) and strips it from the
 * address bar (it is not shown, bookmarked or shared by accident).
 */
import { guestTokenSchema } from '../../shared/sfu/protocol-guests.js';

/** The part of Storage this module uses. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type InviteLookup =
  | { readonly kind: 'token'; readonly token: string }
  /** The fragment holds an invite that is cut short or altered (a part of the link was lost when copying). */
  | { readonly kind: 'incomplete' }
  /** No invite in the link and none kept from before: the page was opened without one. */
  | { readonly kind: 'missing' };

export function inviteStorageKey(show: string): string {
  return `lss.guest.invite.${show}`;
}

/** The show id from the page's path (`/guest/<show>`), or null when it is not one. */
export function showFromPath(pathname: string): string | null {
  const match = /^\/guest\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    const show = decodeURIComponent(match[1] ?? '');
    return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(show) ? show : null;
  } catch {
    return null;
  }
}

/** The `invite` value in a fragment (`#invite=…`, other fragment fields allowed), or null when there is none. */
export function tokenInFragment(hash: string): string | null {
  const fields = new URLSearchParams(hash.replace(/^#/, ''));
  const token = fields.get('invite');
  return token === null ? null : token.trim();
}

/**
 * The token to join with: a token in the link wins (a new link from the host
 * replaces the old one) and is kept for reloads; otherwise the kept one.
 */
export function lookUpInvite(show: string, hash: string, session: KeyValueStore | null): InviteLookup {
  const key = inviteStorageKey(show);
  const fromLink = tokenInFragment(hash);
  if (fromLink !== null) {
    if (!guestTokenSchema.safeParse(fromLink).success) return { kind: 'incomplete' };
    safely(() => session?.setItem(key, fromLink));
    return { kind: 'token', token: fromLink };
  }
  const kept = safely(() => session?.getItem(key) ?? null) ?? null;
  if (kept !== null && guestTokenSchema.safeParse(kept).success) return { kind: 'token', token: kept };
  return { kind: 'missing' };
}

/** The invite no longer admits anyone: a reload should not knock with it again. */
export function forgetInvite(show: string, session: KeyValueStore | null): void {
  safely(() => session?.removeItem(inviteStorageKey(show)));
}

/** The address without the fragment's invite (other fragment fields kept), for history.replaceState. */
export function addressWithoutInvite(pathname: string, search: string, hash: string): string {
  const fields = new URLSearchParams(hash.replace(/^#/, ''));
  fields.delete('invite');
  const rest = fields.toString();
  return `${pathname}${search}${rest ? `#${rest}` : ''}`;
}

/** Storage can throw (private mode, blocked cookies): then a value lasts for this page only. */
function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
