import {
  OBSWebSocketError,
  type OBSResponseTypes,
  type OBSWebSocket,
  type RequestBatchRequest,
  type ResponseMessage,
} from 'obs-websocket-js/json';
import type { ObsHealth, ObsScene, ObsStatus } from '../../shared/domain/obs.js';

/** What the studio mirrors of OBS: its scenes with their items, and what is on air. */
export type ObsMirror = Pick<ObsStatus, 'scenes' | 'programScene' | 'previewScene' | 'studioMode' | 'streaming' | 'recording'>;

/** OBS events after which the mirror is read again (one read per burst). */
export const MIRROR_EVENTS = [
  'CurrentProgramSceneChanged',
  'CurrentPreviewSceneChanged',
  'SceneListChanged',
  'StudioModeStateChanged',
  'StreamStateChanged',
  'RecordStateChanged',
  'SceneItemEnableStateChanged',
  'SceneItemCreated',
  'SceneItemRemoved',
] as const;

/** The scene list, studio mode and output state: always the first four requests of a read. */
const STATE_REQUESTS = [
  { requestType: 'GetSceneList', requestData: {} },
  { requestType: 'GetStudioModeEnabled' },
  { requestType: 'GetStreamStatus' },
  { requestType: 'GetRecordStatus' },
] as const satisfies readonly RequestBatchRequest[];

const itemsRequest = (sceneName: string): RequestBatchRequest => ({ requestType: 'GetSceneItemList', requestData: { sceneName } });

/**
 * Reads the mirror in one request batch (one round trip): the scene list,
 * studio mode, stream and record state, and the items of every scene the
 * studio already knows. OBS runs a batch's requests in order and answers
 * them all at once; a scene removed since (its item request fails) is simply
 * not in the new list. Only scenes the studio did not know — the first read
 * after connecting, a scene added in OBS — take a second batch, since their
 * names come from the first.
 */
export async function readObsMirror(obs: Pick<OBSWebSocket, 'callBatch'>, knownScenes: readonly string[]): Promise<ObsMirror> {
  const results = await obs.callBatch([...STATE_REQUESTS, ...knownScenes.map(itemsRequest)], { haltOnFailure: false });
  const list = responseData(results, 0, 'GetSceneList');
  const { studioModeEnabled: studioMode } = responseData(results, 1, 'GetStudioModeEnabled');
  const stream = responseData(results, 2, 'GetStreamStatus');
  const record = responseData(results, 3, 'GetRecordStatus');

  const items = new Map<string, ObsScene['items']>();
  knownScenes.forEach((name, i) => {
    const answer = results[STATE_REQUESTS.length + i];
    if (answer?.requestType === 'GetSceneItemList' && answer.requestStatus.result) items.set(name, sceneItems(answer.responseData));
  });
  const names = (list.scenes as { sceneName: string; sceneIndex: number }[])
    .slice()
    .sort((a, b) => b.sceneIndex - a.sceneIndex) // OBS lists bottom-up; hosts read the top first
    .map((s) => s.sceneName);
  const unknown = names.filter((name) => !items.has(name));
  if (unknown.length > 0) {
    const more = await obs.callBatch(unknown.map(itemsRequest), { haltOnFailure: false });
    unknown.forEach((name, i) => items.set(name, sceneItems(responseData(more, i, 'GetSceneItemList'))));
  }

  return {
    scenes: names.map((name) => ({ name, items: items.get(name) ?? [] })),
    programScene: list.currentProgramSceneName,
    previewScene: studioMode ? list.currentPreviewSceneName : null,
    studioMode,
    streaming: stream.outputActive,
    recording: record.outputActive,
  };
}

/** OBS's own health (GetStats), rounded as the status shows it. */
export async function readObsHealth(obs: Pick<OBSWebSocket, 'call'>): Promise<ObsHealth> {
  const s = await obs.call('GetStats');
  return {
    cpuUsage: Math.round(s.cpuUsage * 10) / 10,
    activeFps: Math.round(s.activeFps * 10) / 10,
    renderSkippedFrames: s.renderSkippedFrames,
    renderTotalFrames: s.renderTotalFrames,
    outputSkippedFrames: s.outputSkippedFrames,
    outputTotalFrames: s.outputTotalFrames,
  };
}

function sceneItems(data: OBSResponseTypes['GetSceneItemList']): ObsScene['items'] {
  return (data.sceneItems as { sceneItemId: number; sourceName: string; sceneItemEnabled: boolean }[]).map((i) => ({
    id: i.sceneItemId,
    sourceName: i.sourceName,
    enabled: i.sceneItemEnabled,
  }));
}

/** One answer of a batch, failing the way `call` does when OBS refused that request. */
function responseData<T extends keyof OBSResponseTypes>(results: ResponseMessage[], index: number, type: T): OBSResponseTypes[T] {
  const answer = results[index];
  if (answer?.requestType !== type) throw new Error(`OBS answered request ${index + 1} of a batch with ${answer?.requestType ?? 'nothing'}, not ${type}`);
  if (!answer.requestStatus.result) throw new OBSWebSocketError(answer.requestStatus.code, answer.requestStatus.comment);
  // The batch's answers are a union over every request type; the check above picked this one.
  return answer.responseData as OBSResponseTypes[T];
}
