/**
 * The show's sound (runs in the renderer): microphone → gain → the track
 * the publisher sends. The output track stays the same when the host picks
 * another microphone, so a running show keeps its audio producer. Mute is
 * a gain of zero on the way out: the level meter (reading the raw mic)
 * still shows the host the mic hears them.
 */
export class AudioMixer {
  private readonly context = new AudioContext();
  private readonly gain = this.context.createGain();
  private readonly destination = this.context.createMediaStreamDestination();
  private source: MediaStreamAudioSourceNode | null = null;
  private level = 1;
  private muted = false;

  constructor() {
    this.gain.connect(this.destination);
    // Browsers start an AudioContext suspended until the page gets a click or key; resume on the first one.
    const resume = () => void this.context.resume().catch(() => undefined);
    for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, resume, { once: true, capture: true });
    resume();
  }

  get outputTrack(): MediaStreamTrack {
    return this.destination.stream.getAudioTracks()[0]!;
  }

  setMicrophone(track: MediaStreamTrack | null): void {
    this.source?.disconnect();
    // A stream of its own around the shared track: closing this later never stops the capture.
    this.source = track ? this.context.createMediaStreamSource(new MediaStream([track])) : null;
    this.source?.connect(this.gain);
  }

  /** 0..2 (−∞ to +6 dB). */
  setGain(level: number): void {
    this.level = Math.max(0, Math.min(2, level));
    this.apply();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.apply();
  }

  dispose(): void {
    this.source?.disconnect();
    this.outputTrack.stop();
    void this.context.close();
  }

  private apply(): void {
    // A short ramp: an instant jump clicks audibly.
    this.gain.gain.setTargetAtTime(this.muted ? 0 : this.level, this.context.currentTime, 0.015);
  }
}
