import type { types } from 'mediasoup-client';
import { HostFacingError } from './publish-failure.js';
import { AUDIO_CODEC_OPTIONS, VIDEO_CODEC_OPTIONS, VIDEO_LAYERS } from './publish-media.js';

/** Runs in the renderer: the producers of one publishing session, made on its send transport. */

export interface ProgramTracks {
  /** The camera now; the compositor's canvas track later. */
  readonly video: MediaStreamTrack;
  /** Null: the show goes out without sound (the checklist warns). */
  readonly audio: MediaStreamTrack | null;
  /** The program mix without guests (the `return` feed guests hear); null or absent: none is sent. */
  readonly returnAudio?: MediaStreamTrack | null;
}

export interface ProgramProducers {
  readonly video: types.Producer;
  readonly audio: types.Producer | null;
  /** The `return` audio feed: what guests hear of the show (no echo of themselves). */
  readonly returnAudio: types.Producer | null;
}

/**
 * The program's video (three simulcast layers), its sound, and the return
 * feed. Tracks are produced with stopTracks: false: they stay the caller's
 * (the camera keeps running for the preview and the next session).
 */
export async function produceProgram(transport: types.Transport, tracks: ProgramTracks): Promise<ProgramProducers> {
  if (tracks.video.readyState === 'ended') {
    throw new HostFacingError('The camera stopped (unplugged or taken by another app). Pick a camera, then go live again.', true);
  }
  const video = await transport.produce({
    track: tracks.video,
    encodings: VIDEO_LAYERS.map((layer) => ({ ...layer })),
    codecOptions: VIDEO_CODEC_OPTIONS,
    stopTracks: false,
  });
  const live = (track: MediaStreamTrack | null | undefined): track is MediaStreamTrack => !!track && track.readyState === 'live';
  const audio = live(tracks.audio) ? await transport.produce({ track: tracks.audio, codecOptions: AUDIO_CODEC_OPTIONS, stopTracks: false }) : null;
  const returnAudio = live(tracks.returnAudio) ? await produceReturn(transport, tracks.returnAudio) : null;
  return { video, audio, returnAudio };
}

/**
 * The return feed is for guests only: an SFU that refuses it (one older than
 * guests) must not keep the show from going live. Guests then hear no program
 * sound; the show itself is unaffected.
 */
async function produceReturn(transport: types.Transport, track: MediaStreamTrack): Promise<types.Producer | null> {
  try {
    return await transport.produce({ track, codecOptions: AUDIO_CODEC_OPTIONS, stopTracks: false, appData: { feed: 'return' } });
  } catch (error) {
    console.warn('The SFU did not take the guests\' return feed; the show goes on without it:', error);
    return null;
  }
}
