import { PinnedStrip } from '../live/PinnedStrip.js';
import { DevicePickers } from '../publish/DevicePickers.js';
import { ProgramPreview } from '../publish/ProgramPreview.js';
import '../publish/publish.css';
import { Panel } from './Panel.js';

/** What viewers get: the program picture, the pinned product, and the camera and mic feeding them. */
export function PreviewPanel() {
  return (
    <Panel id="preview" title="Program">
      <div className="program">
        <ProgramPreview />
        <PinnedStrip />
        <DevicePickers />
      </div>
    </Panel>
  );
}
