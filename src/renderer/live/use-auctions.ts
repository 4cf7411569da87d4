import { useCallback } from 'react';
import type { Result } from '../../shared/api/result.js';
import type { AuctionsState } from '../../shared/domain/auctions.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';

/** What the host picks in the auction form (prices as typed: main reads them). */
export interface AuctionStart {
  readonly startPrice: string;
  readonly durationSeconds: number;
  readonly mode: 'soft' | 'sudden-death';
  readonly extendSeconds: number;
  readonly reserve: string | null;
}

export interface Auctions {
  /** Main's auctions of the active show (null until it answered). */
  readonly state: AuctionsState | null;
  /** The read's refusal, in host words. */
  readonly error: string | null;
  /** Resolves to the host-worded refusal, or null when main took it. */
  start(request: AuctionStart): Promise<string | null>;
  cancel(): Promise<string | null>;
}

/**
 * The show's auctions as main says (read once, then `auctionsChanged`, at
 * most every 100 ms while bids pour in); the start and cancel answers are
 * taken at once so the bar changes with the click.
 */
export function useAuctions(): Auctions {
  const studio = useStudio();
  const auctions = useStudioValue({ event: 'auctionsChanged', read: (api) => api.getAuctions({ showId: null }) });
  const take = auctions.set;
  const call = useCallback(
    async (pending: Promise<Result<AuctionsState>>) => {
      const result = await pending.catch(() => null);
      if (!result) return 'The studio did not answer. Check the connection and try again.';
      if (!result.ok) return result.error.message;
      take(result.value);
      return null;
    },
    [take],
  );
  const start = useCallback((request: AuctionStart) => call(studio.startAuction(request)), [call, studio]);
  const cancel = useCallback(() => call(studio.cancelAuction()), [call, studio]);
  return { state: auctions.value, error: auctions.error, start, cancel };
}
