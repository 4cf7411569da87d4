import type { GiveawayView } from '../../shared/sfu/protocol-selling.js';

/** How a giveaway reads on the watch page. Pure functions (no DOM), tested in Node. */

/** Rules longer than this fold away behind "Rules" (a phone's screen is small). */
export const RULES_FOLD_CHARS = 140;

export interface GiveawayLines {
  readonly prize: string;
  readonly status: string;
  /** "Type ENTER in chat", "Type ENTER in chat or tap Enter", "Tap Enter to join"; null once closed. */
  readonly howTo: string | null;
  /** The Enter button is offered (open, button entry, not entered yet). */
  readonly button: boolean;
  readonly entries: string;
  readonly watchNote: string | null;
  readonly rules: string | null;
  /** The rules fold away (long). */
  readonly rulesFolded: boolean;
  /** "Fairness code 3f2a9c1d…e0b7"; the full hex in `commitmentFull`. */
  readonly commitment: string | null;
  readonly commitmentFull: string | null;
  readonly seed: string | null;
  readonly seedFull: string | null;
  readonly winner: string | null;
  /** "You're in", "You won!"; null: nothing about this viewer. */
  readonly mine: string | null;
}

export interface GiveawayContext {
  readonly me: string | null;
  /** The studio said this viewer is in (a notice). */
  readonly entered: boolean;
}

const STATUS: Readonly<Record<GiveawayView['status'], string>> = {
  open: 'Open — enter now',
  closed: 'Entries closed — drawing the winner',
  drawn: 'Winner drawn',
  cancelled: 'Giveaway cancelled',
};

export function giveawayLines(giveaway: GiveawayView, context: GiveawayContext): GiveawayLines {
  const open = giveaway.status === 'open';
  const won = giveaway.winner !== null && context.me !== null && giveaway.winner.viewerId === context.me;
  const rules = giveaway.rules.trim();
  return {
    prize: giveaway.prize,
    status: STATUS[giveaway.status],
    howTo: open ? howToEnter(giveaway) : null,
    button: open && giveaway.buttonEntry && !context.entered,
    entries: giveaway.entries === 0 ? 'No entries yet' : `${giveaway.entries} ${giveaway.entries === 1 ? 'entry' : 'entries'}`,
    watchNote:
      giveaway.minWatchMinutes === null || giveaway.status === 'cancelled'
        ? null
        : `Open to viewers who have watched ${giveaway.minWatchMinutes} min or more`,
    rules: rules === '' ? null : rules,
    rulesFolded: rules.length > RULES_FOLD_CHARS,
    commitment: giveaway.commitment === null ? null : shortHex(giveaway.commitment),
    commitmentFull: giveaway.commitment,
    seed: giveaway.seed === null ? null : shortHex(giveaway.seed),
    seedFull: giveaway.seed,
    winner: giveaway.winner === null ? null : `Winner: ${won ? 'you' : giveaway.winner.name}`,
    mine: won ? 'You won!' : context.entered && giveaway.status !== 'cancelled' ? 'You’re in' : null,
  };
}

function howToEnter(giveaway: GiveawayView): string | null {
  if (giveaway.keyword !== null && giveaway.buttonEntry) return `Type ${giveaway.keyword} in chat or tap Enter`;
  if (giveaway.keyword !== null) return `Type ${giveaway.keyword} in chat`;
  return giveaway.buttonEntry ? 'Tap Enter to join' : null;
}

/** "3f2a9c1d…e0b7": enough to compare by eye; the whole value is one tap away. */
export function shortHex(hex: string): string {
  return hex.length <= 14 ? hex : `${hex.slice(0, 8)}…${hex.slice(-4)}`;
}
