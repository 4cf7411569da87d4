import type { recordingChannels } from '../../shared/api/contract/recording.js';
import { StudioError } from '../../shared/api/result.js';
import type { CallContext, Handlers } from '../api/dispatcher.js';
import type { RecordingService } from './recording-service.js';

/** Opens a folder in the system's file manager (the desktop app); absent where the studio cannot (browser mode). */
export type ShowFolder = (folder: string) => Promise<boolean>;

export function recordingHandlers(recordings: RecordingService, showFolder?: ShowFolder): Pick<Handlers, keyof typeof recordingChannels> {
  return {
    getRecordingState: () => recordings.state(),
    startRecording: ({ mimeType }) => recordings.startRecording(mimeType),
    appendRecordingChunk: ({ recordingId, seq, data }) => recordings.appendChunk(recordingId, seq, data),
    stopRecording: ({ recordingId, lastSeq }) => recordings.stopRecording(recordingId, lastSeq),
    listRecordings: () => recordings.library.list(),
    retryRecording: ({ recordingId }) => recordings.library.retry(recordingId),
    deleteRecording: async ({ recordingId }) => {
      await recordings.library.delete(recordingId);
      return recordings.library.list();
    },
    // Only the desktop window opens folders on this computer; a browser (maybe on another computer) is shown the path.
    showRecordingFolder: async ({ recordingId }, context: CallContext) => {
      const recording = recordings.library.get(recordingId);
      if (!recording) throw new StudioError('not-found', 'That recording is no longer there.');
      const opened = context.transport === 'ipc' && showFolder ? await showFolder(recording.folder) : false;
      return { opened, folder: recording.folder };
    },
  };
}
