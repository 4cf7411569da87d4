import type { Settings } from '../../shared/domain/settings.js';
import { useStudioValue, type StudioValue } from './studio-value.js';

/** The studio's settings as main keeps them: read, then every `settingsChanged` (a save here or in another window). */
export function useSettings(): StudioValue<Settings> {
  return useStudioValue({ event: 'settingsChanged', read: (studio) => studio.getSettings() });
}
