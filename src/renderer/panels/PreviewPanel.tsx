import { EmptyState, Panel } from './Panel.js';

export function PreviewPanel() {
  return (
    <Panel id="preview" title="Program">
      <div className="video-frame">
        <EmptyState title="No camera yet">
          Your camera, scenes and the pinned product card appear here — this is exactly what viewers will see.
        </EmptyState>
      </div>
    </Panel>
  );
}
