import type { AirState } from '../../shared/domain/live.js';

/** What the Stream panel says about the show in a window that does not publish it (a producer's console). */
export interface AirSummary {
  readonly headline: string;
  readonly detail: string;
  /** Show the on-air (or paused) time next to the headline. */
  readonly timed: boolean;
}

const watching = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'viewer' : 'viewers'} watching`;

/**
 * The show as main sees it, in host words. `where` comes from main ("a
 * browser on this computer"); `canGoLive`: this window may go live itself
 * (the host's second page), else someone else has to (a producer).
 */
export function airSummary(air: AirState, canGoLive: boolean): AirSummary {
  const from = air.where ?? 'another window';
  switch (air.phase) {
    case 'live':
      return { headline: 'On air', detail: `From ${from} · ${watching(air.viewers)}.`, timed: true };
    case 'connecting':
      return { headline: 'Going live', detail: `${capitalise(from)} is connecting to the streaming server…`, timed: false };
    case 'reconnecting':
      return {
        headline: 'Reconnecting',
        detail: `${capitalise(from)} lost its connection and is coming back by itself. Viewers see “reconnecting”.`,
        timed: true,
      };
    case 'paused':
      return {
        headline: 'Paused',
        detail: `Viewers see “the host will be right back”. ${canGoLive ? 'Resume from the window that paused it, or go live here.' : 'The host resumes from the studio.'}`,
        timed: true,
      };
    case 'ended':
      return { headline: 'Show ended', detail: 'Viewers were told the show is over.', timed: false };
    case 'offline':
      return {
        headline: 'Not live yet',
        detail: canGoLive ? 'Go live when the checklist below is green.' : 'The host goes live from the studio; this console follows the show.',
        timed: false,
      };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
