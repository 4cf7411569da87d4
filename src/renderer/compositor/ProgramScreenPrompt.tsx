import { useAbilities } from '../api/role-context.js';
import { useCompositor } from './compositor-context.js';
import { usesScreen } from './scene-model.js';

/**
 * Over the Program monitor (HTML, never drawn into the video): the scene on
 * air draws a screen and this window shares none. Viewers see a calm slate;
 * the host is told what to do, with a button that opens the browser's picker
 * (it needs a click). It shows whoever took the scene — a producer's Take
 * reaches this window only as a new program scene, so nothing here asked yet.
 * A console that cannot go live shares no screen and shows nothing.
 */
export function ProgramScreenPrompt() {
  const { scenes, programId, sources } = useCompositor();
  const { goLive } = useAbilities();
  const program = scenes.find((s) => s.id === programId);
  if (!goLive || !program || !usesScreen(program) || sources.screenOn) return null;
  return (
    <div className="program-screen-prompt" role="status" data-testid="program-screen-prompt">
      <p className="program-screen-prompt-text">
        <strong>Nothing shared</strong> — choose a screen or window from the scene’s ⋯ menu. Viewers see a plain slate until you do.
      </p>
      <button type="button" className="button button-small button-primary" disabled={sources.screenAsking} onClick={sources.shareScreen}>
        Share a screen or window
      </button>
    </div>
  );
}
