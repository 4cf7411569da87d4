import { useState } from 'react';
import { useCompositor } from '../compositor/compositor-context.js';
import { AudioControls } from '../compositor/AudioControls.js';
import { LayerList } from '../compositor/LayerList.js';
import { PreviewMonitor } from '../compositor/PreviewMonitor.js';
import { ProgramScreenPrompt } from '../compositor/ProgramScreenPrompt.js';
import { SceneBar } from '../compositor/SceneBar.js';
import { VerticalBar } from '../compositor/VerticalBar.js';
import { VerticalMonitor } from '../compositor/VerticalMonitor.js';
import '../compositor/compositor.css';
import { PinnedStrip } from '../live/PinnedStrip.js';
import { ObsSceneStrip } from '../obs/ObsSceneStrip.js';
import { DevicePickers } from '../publish/DevicePickers.js';
import { ProgramPreview } from '../publish/ProgramPreview.js';
import { useCapture } from '../publish/publish-context.js';
import '../publish/publish.css';
import { Panel } from './Panel.js';

/**
 * What viewers get, in studio mode: preview (the next scene, editable) next
 * to program (the composed output as sent), the scene switcher, the pinned
 * product, and the camera and mic feeding them.
 */
export function PreviewPanel() {
  const { compositor, scenes, programId } = useCompositor();
  const capture = useCapture();
  const [editing, setEditing] = useState(false);
  const programName = scenes.find((s) => s.id === programId)?.name;
  return (
    <Panel
      id="preview"
      title="Program"
      actions={
        <button type="button" className="button button-small" aria-pressed={editing} onClick={() => setEditing(!editing)}>
          {editing ? 'Done editing' : 'Edit layers'}
        </button>
      }
    >
      <div className="program">
        <div className="studio-monitors">
          <PreviewMonitor />
          <div className="monitor monitor-program">
            <div className="monitor-label">
              <span className="monitor-tag monitor-tag-program">Program</span>
              <span className="monitor-scene">{programName}</span>
            </div>
            <ProgramPreview picture={compositor?.outputTrack ?? null} overlay={<ProgramScreenPrompt />} />
          </div>
          <VerticalMonitor />
        </div>
        <SceneBar />
        <VerticalBar />
        {editing && <LayerList />}
        <PinnedStrip />
        <ObsSceneStrip />
        <DevicePickers />
        {capture?.enabled && <AudioControls />}
      </div>
    </Panel>
  );
}
