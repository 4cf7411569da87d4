import type { practiceChannels } from '../../shared/api/contract/practice.js';
import type { Handlers } from '../api/dispatcher.js';
import type { PracticeAudience } from './practice-audience.js';

export function practiceHandlers(audience: PracticeAudience): Pick<Handlers, keyof typeof practiceChannels> {
  return {
    getPracticeAudience: () => audience.state(),
    startPracticeAudience: (input) => audience.start(input),
    updatePracticeAudience: (input) => audience.update(input),
    stopPracticeAudience: () => audience.stop(),
  };
}
