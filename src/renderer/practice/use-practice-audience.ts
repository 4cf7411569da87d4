import type { PracticeAudienceState } from '../../shared/domain/practice.js';
import { useStudioValue, type StudioValue } from '../api/studio-value.js';

/** The simulated audience and whether the active show is a practice show (main's `getPracticeAudience` / `practiceAudienceChanged`). */
export function usePracticeAudience(): StudioValue<PracticeAudienceState> {
  return useStudioValue({ event: 'practiceAudienceChanged', read: (api) => api.getPracticeAudience() });
}
