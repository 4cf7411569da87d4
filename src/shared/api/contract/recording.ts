import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { MAX_RECORDING_CHUNK_BYTES, type ChunkReceipt, type Recording, type RecordingState } from '../../domain/recording.js';

const recordingId = z.number().int().positive();
/** Base64 of at most MAX_RECORDING_CHUNK_BYTES bytes. */
const MAX_CHUNK_BASE64 = Math.ceil(MAX_RECORDING_CHUNK_BYTES / 3) * 4;

export const recordingChannels = {
  /** The running recording (if any), the free disk space and whether ffmpeg is there. */
  getRecordingState: defineChannel<RecordingState>()('studio:recording:state', z.undefined()),
  /**
   * Starts recording the program in the calling window: main makes the
   * folder and the row (its `startedAt` is time 0 of the file) and the
   * window sends chunks. Refused ('conflict') while another recording runs,
   * ('unavailable') when the disk is nearly full.
   */
  startRecording: defineChannel<Recording>()(
    'studio:recording:start',
    z.object({ mimeType: z.string().trim().min(1).max(120) }).strict(),
  ),
  /**
   * One piece of the capture, in order by `seq` (0, 1, 2…): appended to the
   * capture file and flushed to the disk before the answer. A chunk sent
   * again (a retry after a lost answer) is a 'duplicate'; one that arrives
   * before an earlier one is held until the gap is filled.
   */
  appendRecordingChunk: defineChannel<ChunkReceipt>()(
    'studio:recording:chunk',
    z
      .object({
        recordingId,
        seq: z.number().int().nonnegative().max(10_000_000),
        data: z
          .string()
          .max(MAX_CHUNK_BASE64, 'A recording chunk is 1 MB at most.')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A recording chunk is base64.'),
      })
      .strict(),
  ),
  /**
   * Stops the recording: `lastSeq` is the last chunk the window sent (main
   * waits for it, a few seconds at most), then the capture becomes
   * `recording.mp4` (status finalizing, then ready or failed). From a window
   * that does not record it (no `lastSeq`), the recording window is asked
   * to stop and send what it holds.
   */
  stopRecording: defineChannel<RecordingState>()(
    'studio:recording:stop',
    z.object({ recordingId, lastSeq: z.number().int().min(-1).max(10_000_000).optional() }).strict(),
  ),
  /** Every recording, newest first, with its chapters. */
  listRecordings: defineChannel<Recording[]>()('studio:recording:list', z.undefined()),
  /** Makes the MP4 again from a failed recording's capture (after installing ffmpeg or freeing space). */
  retryRecording: defineChannel<Recording>()('studio:recording:retry', z.object({ recordingId }).strict()),
  /** Deletes a recording's folder and row (not while it records or is being finished). */
  deleteRecording: defineChannel<Recording[]>()('studio:recording:delete', z.object({ recordingId }).strict()),
  /** Opens the recording's folder on this computer (desktop app); elsewhere `opened` is false and the UI shows `folder`. */
  showRecordingFolder: defineChannel<{ opened: boolean; folder: string }>()(
    'studio:recording:show-folder',
    z.object({ recordingId }).strict(),
  ),
} as const;

export const recordingEvents = {
  /** The running recording changed (started, a chunk written, a stop asked for, stopped), or the disk space or ffmpeg did. */
  recordingChanged: defineEvent<RecordingState>('studio:event:recording-changed'),
  /** A recording was added, finished, failed or deleted: the Recordings list. */
  recordingsChanged: defineEvent<Recording[]>('studio:event:recordings-changed'),
} as const;
