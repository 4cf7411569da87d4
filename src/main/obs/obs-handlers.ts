import type { obsChannels } from '../../shared/api/contract/obs.js';
import type { Handlers } from '../api/dispatcher.js';
import type { ObsController } from './obs-controller.js';

export function obsHandlers(obs: ObsController): Pick<Handlers, keyof typeof obsChannels> {
  return {
    getObsStatus: () => obs.status(),
    connectObs: (input) => obs.connect(input),
    disconnectObs: () => obs.disconnect(),
    setObsProgramScene: (input) => obs.setProgramScene(input.sceneName),
    setObsPreviewScene: (input) => obs.setPreviewScene(input.sceneName),
    setObsSceneItemEnabled: (input) => obs.setSceneItemEnabled(input),
    startObsStream: () => obs.startStream(),
    stopObsStream: () => obs.stopStream(),
    startObsRecord: () => obs.startRecord(),
    stopObsRecord: () => obs.stopRecord(),
    setObsOverlayScene: (input) => obs.setOverlayScene(input.sceneName),
  };
}
