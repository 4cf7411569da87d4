import { CatalogPanel } from '../panels/CatalogPanel.js';
import { ChatPanel } from '../panels/ChatPanel.js';
import { PreviewPanel } from '../panels/PreviewPanel.js';
import { PublishPanel } from '../panels/PublishPanel.js';
import { RundownPanel } from '../panels/RundownPanel.js';

/** The studio window: rundown left, program and catalog centre, chat and stream right. */
export function StudioLayout() {
  return (
    <div className="studio-layout">
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
    </div>
  );
}
