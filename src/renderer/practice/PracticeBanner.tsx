import { usePracticeAudience } from './use-practice-audience.js';
import './practice.css';

/** The top bar's PRACTICE banner: always there while the active show is a practice show. */
export function PracticeBanner() {
  const show = usePracticeAudience().value?.show ?? null;
  if (!show?.practice) return null;
  return (
    <span className="practice-banner practice-banner-top" role="status" data-testid="practice-banner" title={`“${show.name}” is a rehearsal: nothing in it is a sale`}>
      PRACTICE
      <span className="practice-banner-detail"> · rehearsal, nothing is sold</span>
    </span>
  );
}
