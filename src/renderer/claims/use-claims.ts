import type { ClaimsState } from '../../shared/domain/selling.js';
import { useStudioValue } from '../api/studio-value.js';

export interface ClaimsFeed {
  readonly state: ClaimsState | null;
  readonly loadError: string | null;
}

/**
 * The active show's claims: listClaims once, then every claimsChanged.
 * `showId` is the active show as the rundown knows it; when it changes the
 * list is read again (the event only speaks for the active show). A cancel
 * or move shows up through the event main sends after it, like anyone else's.
 */
export function useClaims(showId: number | null): ClaimsFeed {
  const claims = useStudioValue({ event: 'claimsChanged', read: (api) => api.listClaims({ showId: null }), key: showId });
  return { state: claims.value, loadError: claims.error };
}
