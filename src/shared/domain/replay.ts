/**
 * Shoppable replays (src/main/replay): a finished recording turned into a
 * folder that plays anywhere (index.html, the video, timeline.json, the
 * product pictures). What every UI sees of them.
 */

export type ReplayJobPhase = 'preparing' | 'video' | 'pictures' | 'finishing' | 'done' | 'failed';

/** A publish in progress, or how the last one ended. */
export interface ReplayJob {
  readonly phase: ReplayJobPhase;
  /** 0..1 for the whole publish. */
  readonly progress: number;
  /** What is happening, in host words ("Copying the video… 40%"); the reason when it failed. */
  readonly message: string;
  /** The folder being written. */
  readonly folder: string;
}

/** Where a recording's replay was last published. */
export interface PublishedReplay {
  /** The folder (absolute, on the studio's computer). */
  readonly folder: string;
  /** Epoch ms. */
  readonly publishedAt: number;
  /** False: the folder was moved or deleted since (publish again). */
  readonly present: boolean;
  /**
   * Where viewers open it: the studio's built-in SFU serves the default
   * replays folder (`/replay/<name>/`); the first is this computer's address,
   * then its network addresses when the SFU allows the LAN. Empty for a
   * folder elsewhere or with a remote SFU: upload the folder to a web host.
   */
  readonly urls: readonly string[];
}

/** A finished recording that can be published as a replay. */
export interface ReplayInfo {
  readonly recordingId: number;
  readonly showId: number | null;
  readonly showName: string;
  /** Epoch ms (main's clock). */
  readonly recordedAt: number;
  readonly durationMs: number | null;
  readonly published: PublishedReplay | null;
  /** The publish running now, or the last one's outcome in this run of the studio. */
  readonly job: ReplayJob | null;
}

export interface ReplayList {
  /** Finished recordings, newest first. */
  readonly replays: readonly ReplayInfo[];
  /** Where replays go unless the host picks another folder: `<data folder>/replays`. */
  readonly defaultFolder: string;
}
