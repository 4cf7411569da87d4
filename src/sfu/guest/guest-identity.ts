/**
 * Runs in the guest's browser (and in unit tests): who this guest is across
 * reloads. A random `guestKey` in localStorage makes a reload the same guest
 * (the SFU derives the guest's id from the invite and this key, so the guest
 * keeps their place on air); the display name they typed is remembered too.
 */
import { guestKeySchema, guestNameSchema } from '../../shared/sfu/protocol-guests.js';
import type { KeyValueStore } from './guest-invite.js';

const KEY_ITEM = 'lss.guest.key';
const NAME_ITEM = 'lss.guest.name';

/** 24 random bytes, base64url: 32 characters. */
export function newGuestKey(random: (bytes: Uint8Array<ArrayBuffer>) => void): string {
  const bytes = new Uint8Array(24);
  random(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The kept key, or a new one (kept when storage allows). */
export function loadGuestKey(store: KeyValueStore | null, random: (bytes: Uint8Array<ArrayBuffer>) => void): string {
  const kept = read(store, KEY_ITEM);
  if (kept !== null && guestKeySchema.safeParse(kept).success) return kept;
  const key = newGuestKey(random);
  write(store, KEY_ITEM, key);
  return key;
}

export function loadGuestName(store: KeyValueStore | null): string {
  const kept = read(store, NAME_ITEM);
  return kept !== null && guestNameSchema.safeParse(kept).success ? kept : '';
}

export function saveGuestName(store: KeyValueStore | null, name: string): void {
  write(store, NAME_ITEM, name);
}

export type NameCheck = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string };

/** The guestNameSchema rules, with the first broken rule's message for the form. */
export function checkGuestName(typed: string): NameCheck {
  const parsed = guestNameSchema.safeParse(typed);
  if (parsed.success) return { ok: true, name: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'Type the name the host and viewers will see.' };
}

function read(store: KeyValueStore | null, item: string): string | null {
  try {
    return store?.getItem(item) ?? null;
  } catch {
    return null;
  }
}

function write(store: KeyValueStore | null, item: string, value: string): void {
  try {
    store?.setItem(item, value);
  } catch {
    // private mode: the value lasts for this page only
  }
}
