import type { Exclusion } from './giveaway-store.js';

/** The keyword as stored: trimmed, without the "!" a host may type around it; null when nothing is left. */
export function keywordOf(typed: string): string | null {
  const word = typed.trim().replace(/^!+/, '').replace(/!+$/, '').trim();
  return word === '' ? null : word;
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en-US').replace(/\s+/g, ' ');

/**
 * Whether a chat message is the keyword: the whole message, any case, with
 * "!" before or after allowed ("enter", "ENTER", "!enter", "enter!!").
 * "I want to enter" or "enter me" is not an entry.
 */
export function matchesKeyword(text: string, keyword: string): boolean {
  const said = keywordOf(text);
  return said !== null && fold(said) === fold(keyword);
}

const EXCLUDED: Readonly<Record<Exclusion, string>> = {
  banned: 'You can’t enter giveaways in this chat.',
  'timed-out': 'You’re timed out in chat, so you can’t enter right now.',
  moderator: "Moderators help run the show, so they can’t enter giveaways.",
};

/**
 * Why an entry is refused (null: it is taken), in the words the viewer
 * reads. `ts` and `watchingSince` are both on the SFU's clock. A viewer
 * whose watching time is unknown is refused like one who just arrived
 * (the rule is the seller's promise to the audience; docs/giveaways.md).
 */
export function entryRefusal(excluded: Exclusion | null, minWatchMinutes: number | null, ts: number, watchingSince: number | null): string | null {
  if (excluded) return EXCLUDED[excluded];
  if (minWatchMinutes === null) return null;
  const watchedMs = watchingSince === null ? 0 : Math.max(0, ts - watchingSince);
  const leftMs = minWatchMinutes * 60_000 - watchedMs;
  if (leftMs <= 0) return null;
  const minutes = Math.ceil(leftMs / 60_000);
  const plural = (n: number) => `${n} ${n === 1 ? 'minute' : 'minutes'}`;
  return `This giveaway is for viewers who have watched for ${plural(minWatchMinutes)}. Keep watching and enter again in ${plural(minutes)}.`;
}
