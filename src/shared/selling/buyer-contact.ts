/**
 * Where the seller can reach a buyer about an order: an e-mail or an
 * @handle the viewer gives on the watch page at their first claim
 * (optional). Personal data: the studio stores it per viewer and shows it to
 * the host only (the Claims tab, the CSV); it is never sent to other viewers
 * and never logged. Pure TS: the watch page checks it before sending, the
 * studio checks it again before storing.
 */

/** What the watch page asks, and why (shown together). */
export const CONTACT_QUESTION = 'Where can the seller reach you about this order?';
export const CONTACT_PURPOSE = 'E-mail or @handle — only the seller sees it';

/** An address longer than this is not one a person types on a phone. */
export const CONTACT_MAX_CHARS = 120;
/** The most the SFU relays (the studio refuses anything longer than CONTACT_MAX_CHARS). */
export const CONTACT_WIRE_MAX_CHARS = 200;

export type ContactCheck = { readonly ok: true; readonly contact: string } | { readonly ok: false; readonly reason: string };

const ASK = 'Type an e-mail (like name@example.com) or a handle starting with @ (like @anna.shop).';
/** Control, format (zero-width, bidi) and other invisible characters: never part of an address. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const EMAIL = /^[^\s@<>()[\]\\,;:"']{1,64}@[^\s@<>()[\]\\,;:"'_]{1,185}\.[\p{L}]{2,24}$/u;
const HANDLE = /^@[\p{L}\p{N}._-]{1,50}$/u;

/** A contact as typed, checked: trimmed, an e-mail or an @handle, plain text, bounded. */
export function checkBuyerContact(raw: string): ContactCheck {
  const contact = raw.trim();
  if (contact === '') return { ok: false, reason: `${ASK} Or choose Skip.` };
  if ([...contact].length > CONTACT_MAX_CHARS) return { ok: false, reason: `That is longer than ${CONTACT_MAX_CHARS} characters. ${ASK}` };
  if (INVISIBLE.test(contact) || /\s/u.test(contact)) return { ok: false, reason: `Spaces and hidden characters can’t be part of it. ${ASK}` };
  if (contact.startsWith('@')) return HANDLE.test(contact) ? { ok: true, contact } : { ok: false, reason: `That handle has characters a handle can’t have. ${ASK}` };
  if (!contact.includes('@')) return { ok: false, reason: ASK };
  // The domain part folds to lowercase; the name part is the mailbox owner's and stays as typed.
  if (!EMAIL.test(contact)) return { ok: false, reason: `That doesn’t look like an e-mail address. ${ASK}` };
  const at = contact.lastIndexOf('@');
  return { ok: true, contact: `${contact.slice(0, at)}@${contact.slice(at + 1).toLowerCase()}` };
}
