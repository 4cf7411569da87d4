import type { CheckoutState } from '../../shared/domain/checkout.js';
import { useStudioValue } from '../api/studio-value.js';

/** Who was sent a checkout link in the active show: listCheckouts once, then every checkoutsChanged (read again when the show changes). */
export function useCheckouts(showId: number | null): { readonly state: CheckoutState | null; readonly loadError: string | null } {
  const checkouts = useStudioValue({ event: 'checkoutsChanged', read: (api) => api.listCheckouts({ showId: null }), key: showId });
  return { state: checkouts.value, loadError: checkouts.error };
}
