import { PinHotkeys } from '../rundown/use-pin-hotkeys.js';
import { CatalogPanel } from '../panels/CatalogPanel.js';
import { ChatPanel } from '../panels/ChatPanel.js';
import { PreviewPanel } from '../panels/PreviewPanel.js';
import { PublishPanel } from '../panels/PublishPanel.js';
import { RundownPanel } from '../panels/RundownPanel.js';
import { useAbilities } from '../api/role-context.js';
import { BackstagePanel } from '../guests/BackstagePanel.js';

/**
 * The studio window: rundown left, program and catalog centre, chat and stream right.
 * The active rundown is shared (its provider is in App, above the view switch): the catalog adds to it, and the Pin button reads its current item.
 */
export function StudioLayout() {
  const { runShow, role } = useAbilities();
  // A moderator's link opens the chat console alone (the studio refuses the rest anyway).
  if (!runShow) {
    return (
      <div className="studio-layout studio-layout-chat-only">
        <div className="area-chat">
          <ChatPanel />
        </div>
      </div>
    );
  }
  return (
    <>
      <PinHotkeys />
      {/* Guests and their invite links are the host's (src/shared/api/contract/roles.ts): the Backstage below the rundown. */}
      <div className={role === 'host' ? 'studio-layout studio-layout-guests' : 'studio-layout'}>
        <div className="area-rundown">
          <RundownPanel />
        </div>
        <div className="area-preview">
          <PreviewPanel />
        </div>
        <div className="area-catalog">
          <CatalogPanel />
        </div>
        <div className="area-chat">
          <ChatPanel />
        </div>
        <div className="area-publish">
          <PublishPanel />
        </div>
        {role === 'host' && (
          <div className="area-backstage">
            <BackstagePanel />
          </div>
        )}
      </div>
    </>
  );
}
