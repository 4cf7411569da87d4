import type { Recording, RecordingChapter, RecordingStopReason } from '../../shared/domain/recording.js';

/**
 * How recordings read to a host (runs in the renderer, tested in Node): the
 * offsets of chapters, how a recording ended, its status.
 */

/** An offset into the file: "0:05", "12:34", "1:02:09". */
export function formatOffset(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "Silk scarf — Blue @ 1:05": a product chapter as the list shows it. */
export function chapterLabel(chapter: RecordingChapter): string {
  const name = chapter.variantTitle ? `${chapter.title} — ${chapter.variantTitle}` : chapter.title;
  return `${name} @ ${formatOffset(chapter.atMs)}`;
}

const STOPPED_BY: Readonly<Record<RecordingStopReason, string | null>> = {
  host: null,
  'show-ended': 'Stopped with End show',
  'disk-full': 'Stopped early: the disk was almost full',
  'window-gone': 'Stopped when the window recording it closed or lost its link to the studio',
  'studio-closed': 'Saved after the studio was closed while recording',
  crash: 'Saved after the studio stopped unexpectedly (the last seconds may be missing)',
};

/** How it ended, when that is worth a line (not a plain Stop). */
export function stoppedByText(reason: RecordingStopReason | null): string | null {
  return reason === null ? null : STOPPED_BY[reason];
}

export function statusText(recording: Pick<Recording, 'status'>): string {
  switch (recording.status) {
    case 'recording':
      return 'Recording';
    case 'finalizing':
      return 'Saving…';
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Could not be saved';
  }
}

/** The length to show: the file's once measured, else the time it ran. */
export function lengthMs(recording: Pick<Recording, 'durationMs' | 'startedAt' | 'endedAt'>, now: number): number {
  return recording.durationMs ?? Math.max(0, (recording.endedAt ?? now) - recording.startedAt);
}

/** "1.2 GB", "340 MB", "12 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return `${Math.max(0, Math.round(bytes / 1024))} KB`;
}
