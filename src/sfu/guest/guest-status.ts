/**
 * Runs in the guest's browser (and in unit tests): what the guest page says,
 * and what it does when the SFU refuses it or the connection ends. Pure: no
 * DOM, no network.
 */
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import type { GuestView } from '../../shared/sfu/protocol-guests.js';
import type { SignalFailureCode } from '../../shared/sfu/signal-requests.js';

/**
 * Where the guest is. `waiting`: the show has no room yet (the host has not
 * opened it); `in-show`: joined, backstage or on air (GuestView says which).
 * The last seven are final: the page stops and says why.
 */
export type GuestPhase =
  | 'connecting'
  | 'waiting'
  | 'in-show'
  | 'reconnecting'
  | 'invite-dead'
  | 'removed'
  | 'ended'
  | 'full'
  | 'left'
  | 'unsupported'
  /** The page was opened without a whole invite (none in the link, or one cut short). */
  | 'no-invite';

export const FINAL_PHASES: ReadonlySet<GuestPhase> = new Set([
  'invite-dead',
  'removed',
  'ended',
  'full',
  'left',
  'unsupported',
  'no-invite',
]);

export interface StatusText {
  readonly title: string;
  readonly detail: string;
}

export const INVITE_DEAD_TEXT = 'This invite link no longer works. Ask the host for a new one.';

const PHASE_TEXT: Readonly<Record<Exclude<GuestPhase, 'in-show'>, StatusText>> = {
  connecting: { title: 'Joining the show…', detail: '' },
  waiting: { title: 'The show hasn’t opened yet — you’ll join as soon as the host opens it', detail: 'Keep this page open.' },
  reconnecting: { title: 'Reconnecting…', detail: 'Your connection dropped. Trying again by itself — keep this page open.' },
  'invite-dead': { title: INVITE_DEAD_TEXT, detail: '' },
  removed: { title: 'The host removed you from the show.', detail: '' },
  ended: { title: 'The show has ended. Thank you for joining!', detail: '' },
  full: { title: 'The show has as many guests as it can take right now.', detail: 'Ask the host to make room, then open your invite link again.' },
  left: { title: 'You left the show.', detail: 'Open your invite link again to come back.' },
  unsupported: { title: 'This browser can’t join the show', detail: 'Open the invite link in the latest Chrome, Safari or Firefox.' },
  'no-invite': {
    title: 'This invite link is not complete.',
    detail: 'Open the whole link from the host’s message, or ask the host for a new one.',
  },
};

export const BACKSTAGE_TEXT = 'Backstage — the host can see and hear you; you’re not on air yet';
export const ON_AIR_TEXT = 'You’re on air';
export const HOST_MUTED_TEXT = 'The host muted your microphone';
export const HOST_HID_CAMERA_TEXT = 'The host turned off your camera';

/** The status line while in the show, from what the SFU says about this guest. */
export function inShowText(view: GuestView): { readonly title: string; readonly notes: readonly string[] } {
  const notes: string[] = [];
  if (view.audioMuted) notes.push(HOST_MUTED_TEXT);
  if (view.videoHidden) notes.push(HOST_HID_CAMERA_TEXT);
  return { title: view.onAir ? ON_AIR_TEXT : BACKSTAGE_TEXT, notes };
}

export function phaseText(phase: Exclude<GuestPhase, 'in-show'>): StatusText {
  return PHASE_TEXT[phase];
}

/** What to do when the SFU answers a guest's `join` with an error. */
export type JoinRefusalOutcome =
  /** Wait on the open connection for the host to open the show (`waitForShow`). */
  | { readonly next: 'wait' }
  /** Stop: say why (a final phase). */
  | { readonly next: 'stop'; readonly phase: GuestPhase }
  /** Something passing (rate limit, server busy): drop the connection and try again with backoff. */
  | { readonly next: 'retry' };

/**
 * Right after a show (re)opened — `showOpened` while waiting, or a rejoin
 * after the connection or the SFU dropped — the studio's link may not have
 * sent its invite list yet: a refused invite is asked again this many times
 * (with the reconnect backoff, about 4 s in all) before the page gives up.
 * A first join from a fresh link gets no grace: a bad link says so at once.
 */
export const INVITE_GRACE_TRIES = 4;

export function joinRefusalOutcome(code: SignalFailureCode | undefined, inviteGrace = 0): JoinRefusalOutcome {
  const outcome = refusalOutcome(code);
  if (outcome.next === 'stop' && outcome.phase === 'invite-dead' && inviteGrace > 0) return { next: 'retry' };
  return outcome;
}

function refusalOutcome(code: SignalFailureCode | undefined): JoinRefusalOutcome {
  switch (code) {
    case 'not-started':
      return { next: 'wait' };
    case 'show-ended':
      return { next: 'stop', phase: 'ended' };
    // An invite the SFU does not know (never listed, revoked, expired, used by someone else).
    case 'unauthorized':
    case 'forbidden':
    case 'invalid-message':
      return { next: 'stop', phase: 'invite-dead' };
    case 'conflict':
      return { next: 'stop', phase: 'full' };
    default:
      return { next: 'retry' };
  }
}

/** What to do when the connection to the SFU ended by itself (not by this page). */
export type CloseOutcome =
  | { readonly next: 'stop'; readonly phase: GuestPhase }
  | { readonly next: 'reconnect'; readonly atOnce: boolean };

export function closeOutcome(code: number): CloseOutcome {
  // The host removed this guest (or revoked the invite they came with): never knock again.
  if (code === SignalCloseCode.guestRemoved) return { next: 'stop', phase: 'removed' };
  // The SFU replaced its media worker and has the show again: rejoin at once.
  if (code === SignalCloseCode.serviceRestart) return { next: 'reconnect', atOnce: true };
  return { next: 'reconnect', atOnce: false };
}

export interface PlayEntry {
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
  readonly from: 'program' | 'guest';
}

/** How the consumed set changes when a new GuestView.play arrives (the list is replaced whole). */
export function playChanges(consumed: Iterable<string>, play: readonly PlayEntry[]): { readonly add: readonly PlayEntry[]; readonly drop: readonly string[] } {
  const have = new Set(consumed);
  const wanted = new Set(play.map((p) => p.producerId));
  return {
    add: play.filter((p, i) => !have.has(p.producerId) && play.findIndex((q) => q.producerId === p.producerId) === i),
    drop: [...have].filter((id) => !wanted.has(id)),
  };
}
