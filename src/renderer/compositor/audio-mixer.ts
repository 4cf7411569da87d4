/** One guest's mic in the program mix. */
interface GuestInput {
  readonly track: MediaStreamTrack;
  readonly source: MediaStreamAudioSourceNode;
  readonly gain: GainNode;
  /** Chrome feeds a received WebRTC track into Web Audio only while a media element plays it too (muted here). */
  readonly sink: HTMLAudioElement;
}

/** A guest's audio as the mixer takes it: `audible` is on air and not muted by the host. */
export interface GuestAudio {
  readonly guestId: string;
  readonly track: MediaStreamTrack;
  readonly audible: boolean;
}

/**
 * The show's sound (runs in the renderer): microphone → gain → the track
 * the publisher sends, plus every on-air, unmuted guest (the program); and
 * the same without guests (`returnTrack`, the `return` feed: guests hear the
 * host, and the SFU gives them the other on-air guests directly, so nobody
 * hears their own voice back). The output track stays the same when the host picks
 * another microphone, so a running show keeps its audio producer. Mute is
 * a gain of zero on the way out: the level meter (reading the raw mic)
 * still shows the host the mic hears them.
 */
export class AudioMixer {
  private readonly context = new AudioContext();
  private readonly gain = this.context.createGain();
  private readonly destination = this.context.createMediaStreamDestination();
  private readonly returnDestination = this.context.createMediaStreamDestination();
  private readonly guests = new Map<string, GuestInput>();
  private source: MediaStreamAudioSourceNode | null = null;
  private level = 1;
  private muted = false;

  constructor() {
    this.gain.connect(this.destination);
    this.gain.connect(this.returnDestination);
    // Browsers start an AudioContext suspended until the page gets a click or key; resume on the first one.
    const resume = () => void this.context.resume().catch(() => undefined);
    for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, resume, { once: true, capture: true });
    resume();
  }

  get outputTrack(): MediaStreamTrack {
    return this.destination.stream.getAudioTracks()[0]!;
  }

  /** The program without guests: what guests hear (published as the `return` feed). */
  get returnTrack(): MediaStreamTrack {
    return this.returnDestination.stream.getAudioTracks()[0]!;
  }

  /**
   * The guests' audio now (every guest with a received mic). Guests not
   * listed are taken out of the mix; `audible` false keeps the input, silent
   * (bringing a guest on air again needs no new source).
   */
  setGuests(guests: readonly GuestAudio[]): void {
    const listed = new Set(guests.map((g) => g.guestId));
    for (const [guestId, input] of this.guests) {
      if (!listed.has(guestId)) this.dropGuest(guestId, input);
    }
    for (const guest of guests) {
      let input = this.guests.get(guest.guestId);
      if (input && input.track !== guest.track) {
        this.dropGuest(guest.guestId, input);
        input = undefined;
      }
      if (!input) input = this.addGuest(guest);
      // A short ramp, as for the host's mic: an instant jump clicks.
      input.gain.gain.setTargetAtTime(guest.audible ? 1 : 0, this.context.currentTime, 0.015);
    }
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
    for (const [guestId, input] of this.guests) this.dropGuest(guestId, input);
    this.outputTrack.stop();
    this.returnTrack.stop();
    void this.context.close();
  }

  private addGuest(guest: GuestAudio): GuestInput {
    const stream = new MediaStream([guest.track]);
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    void sink.play().catch(() => undefined);
    const source = this.context.createMediaStreamSource(stream);
    const gain = this.context.createGain();
    gain.gain.value = 0;
    source.connect(gain);
    gain.connect(this.destination);
    const input = { track: guest.track, source, gain, sink };
    this.guests.set(guest.guestId, input);
    return input;
  }

  private dropGuest(guestId: string, input: GuestInput): void {
    input.source.disconnect();
    input.gain.disconnect();
    input.sink.srcObject = null;
    this.guests.delete(guestId);
  }

  private apply(): void {
    // A short ramp: an instant jump clicks audibly.
    this.gain.gain.setTargetAtTime(this.muted ? 0 : this.level, this.context.currentTime, 0.015);
  }
}
